import AltinnSimulator
import Foundation
import Testing

/// A running simulator, a folder holding a configuration written for it, and the built `altinn-sync` binary.
final class EndToEnd: Sendable {
    let simulator: AltinnSimulator
    let folder: URL
    let configPath: String

    /// What one run of the binary did.
    struct Run: Sendable {
        var exitCode: Int32
        var stdout: String
        var stderr: String
    }

    /// Starts a simulator (lag 0, seeded) and writes a configuration for it, with `config` merged in.
    static func start(
        instances: Int = 12, seed: UInt64 = 7, _ configure: (inout SimulatorConfiguration) -> Void = { _ in },
        config: [String: Any] = [:]
    ) async throws -> EndToEnd {
        var configuration = SimulatorConfiguration()
        configuration.instanceCount = instances
        configuration.seed = seed
        configure(&configuration)
        let simulator = try await AltinnSimulator.start(configuration)
        let folder = FileManager.default.temporaryDirectory.appending(path: "altinn-sync-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let written = try simulator.writeConfig(to: folder.appending(path: "altinn-sync.json").path)
        let harness = EndToEnd(simulator: simulator, folder: folder, configPath: written.configPath)
        // Fast retries across runs, so tests need not wait minutes for the retry ledger.
        try harness.editConfig { json in
            json["retry"] = ["initialDelay": "0s", "maxDelay": "0s", "maxAttempts": 3]
            json["http"] = ["maxAttempts": 3, "connectTimeout": "5s", "stallTimeout": "10s", "apiTimeout": "30s"]
            for (key, value) in config { json[key] = value }
        }
        return harness
    }

    private init(simulator: AltinnSimulator, folder: URL, configPath: String) {
        self.simulator = simulator
        self.folder = folder
        self.configPath = configPath
    }

    /// Stops the simulator and deletes the folder.
    func finish() async {
        await simulator.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    var archive: String { folder.appending(path: "archive").path }
    var stateDirectory: String { folder.appending(path: "state").path }

    /// Changes the configuration file.
    func editConfig(_ change: (inout [String: Any]) -> Void) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: configPath))
        var json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        change(&json)
        try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted]).write(
            to: URL(fileURLWithPath: configPath))
    }

    /// The `altinn-sync` binary under test: `$ALTINN_SYNC_E2E_BINARY` (CI sets it to the release build, the
    /// form that gets installed), else the debug build next to the test bundle.
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["ALTINN_SYNC_E2E_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appending(path: "altinn-sync").path), folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder.appending(path: "altinn-sync")
    }

    /// Runs `altinn-sync ARGUMENTS --config <config>` to the end.
    func run(_ arguments: [String], environment: [String: String] = [:], withConfig: Bool = true) async throws -> Run {
        let process = try launch(arguments, environment: environment, withConfig: withConfig)
        return await process.finish()
    }

    /// Runs `altinn-sync ARGUMENTS --config <config>` to the end with the process's umask set to `umask` first.
    func run(_ arguments: [String], umask: String) async throws -> Run {
        let process = try RunningProcess(
            executable: URL(fileURLWithPath: "/bin/sh"),
            arguments: ["-c", "umask \(umask) && exec \"$0\" \"$@\"", Self.binary.path]
                + arguments + ["--config", configPath],
            environment: [:], folder: folder)
        return await process.finish()
    }

    /// Starts `altinn-sync` without waiting for it.
    func launch(
        _ arguments: [String], environment: [String: String] = [:], withConfig: Bool = true
    ) throws
        -> RunningProcess
    {
        try RunningProcess(
            executable: Self.binary, arguments: arguments + (withConfig ? ["--config", configPath] : []),
            environment: environment, folder: folder)
    }
}

/// A child process whose output goes to files (no pipe can fill up and block it).
final class RunningProcess: Sendable {
    let process: Process
    private let stdoutPath: String
    private let stderrPath: String
    private let exited: AsyncStream<Int32>

    init(executable: URL, arguments: [String], environment: [String: String], folder: URL) throws {
        let id = UUID().uuidString
        stdoutPath = folder.appending(path: "stdout-\(id)").path
        stderrPath = folder.appending(path: "stderr-\(id)").path
        try Data().write(to: URL(fileURLWithPath: stdoutPath))
        try Data().write(to: URL(fileURLWithPath: stderrPath))
        process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.currentDirectoryURL = folder
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        process.standardInput = FileHandle.nullDevice
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        exited = stream
        process.terminationHandler = { process in
            continuation.yield(process.terminationStatus)
            continuation.finish()
        }
        try process.run()
    }

    /// Sends `signal` to the process.
    func signal(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the exit and collects the output.
    func finish() async -> EndToEnd.Run {
        var code: Int32 = -1
        for await status in exited { code = status }
        let stdout = (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        return EndToEnd.Run(exitCode: code, stdout: stdout, stderr: stderr)
    }

    /// The standard error written so far.
    var stderrSoFar: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// The standard output written so far.
    var stdoutSoFar: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
}
