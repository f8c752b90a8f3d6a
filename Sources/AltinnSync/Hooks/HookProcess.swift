import Foundation
import Glibc

/// One run of the `onArchived` command: spawned without a shell, with only the environment it is given, its
/// output kept in a file for the log, and stopped when it takes longer than its timeout.
struct HookProcess {
    /// How one run ended.
    enum Ending: Sendable, Equatable {
        /// Exit status 0.
        case succeeded
        /// Another exit status, or a signal, or the timeout; the text says which, with the end of the output.
        case failed(String)
    }

    let command: [String]
    let environment: [String: String]
    let timeout: Duration
    /// Where the command's standard output and error go (replaced on each run).
    let outputFile: String

    /// Runs the command to its end. Cancelling the task stops the command (SIGTERM, then SIGKILL).
    func run() async -> Ending {
        let pid: pid_t
        switch spawn() {
        case .success(let spawned): pid = spawned
        case .failure(let failure): return .failed(failure.message)
        }
        let started = ContinuousClock.now
        var status: Int32 = 0
        while true {
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid { break }
            if waited < 0 && errno != EINTR {
                return .failed("waiting for it failed: \(String(cString: strerror(errno)))")
            }
            if ContinuousClock.now - started > timeout || Task.isCancelled {
                let how = await stop(pid) ? "stopped with SIGTERM" : "killed: it ignored SIGTERM"
                let reason =
                    Task.isCancelled ? "the run was interrupted" : "took longer than \(DurationText.format(timeout))"
                return .failed("\(reason); \(how)" + output())
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        let exited = status & 0x7f == 0
        if exited && (status >> 8) & 0xff == 0 { return .succeeded }
        let how = exited ? "exit status \((status >> 8) & 0xff)" : "killed by signal \(status & 0x7f)"
        return .failed(how + output())
    }

    /// Starts the command with standard input from /dev/null and its output in ``outputFile``.
    private func spawn() -> Result<pid_t, SpawnFailure> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var program = command[0]
        if !program.contains("/") {
            let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
            let candidates = path.split(separator: ":").map { "\($0)/\(program)" }
            guard let found = candidates.first(where: { (candidate: String) in access(candidate, X_OK) == 0 }) else {
                return .failure(SpawnFailure(message: "\(program) is not found in PATH (\(path))"))
            }
            program = found
        }
        // The command starts with no signal blocked and the usual dispositions, whatever this process blocks
        // for its own signal handling: SIGTERM must reach it when it takes too long.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let arguments = [program] + command.dropFirst()
        let variables = environment.map { "\($0.key)=\($0.value)" }.sorted()
        var pid: pid_t = 0
        let result = withCStrings(arguments) { argv in
            withCStrings(variables) { envp in posix_spawn(&pid, program, &actions, &attributes, argv, envp) }
        }
        guard result == 0 else {
            return .failure(SpawnFailure(message: "cannot start \(program): \(String(cString: strerror(result)))"))
        }
        return .success(pid)
    }

    /// Asks the command to stop, and kills it if it has not after a few seconds; true when it stopped when asked.
    private func stop(_ pid: pid_t) async -> Bool {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        for _ in 0..<250 {
            if waitpid(pid, &status, WNOHANG) == pid { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        kill(pid, SIGKILL)
        _ = waitpid(pid, &status, 0)
        return false
    }

    /// The end of the command's output, on one line, for a failure's message ("" when there was none).
    private func output() -> String {
        guard let data = FileManager.default.contents(atPath: outputFile), !data.isEmpty else { return "" }
        let text = String(decoding: data.suffix(1000), as: UTF8.self)
            .split(whereSeparator: \.isNewline).joined(separator: " | ")
        return "; its output ended: \(text)"
    }
}

/// Why the command could not be started.
private struct SpawnFailure: Error {
    let message: String
}

/// Calls `body` with a NULL-terminated C array of `strings`.
private func withCStrings<Result>(
    _ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> Result
) -> Result {
    let pointers = strings.map { strdup($0) } + [nil]
    defer { for pointer in pointers { free(pointer) } }
    return pointers.withUnsafeBufferPointer { buffer in
        // A buffer of at least one element (the terminating nil) always has a base address.
        guard let base = buffer.baseAddress else { preconditionFailure("an empty argument array") }
        return body(base)
    }
}
