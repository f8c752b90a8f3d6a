import Foundation

/// The `altinn-sync` program the demo drives, as an operator would: a separate process with a configuration
/// file, its exit code and its metrics file.
struct SyncProgram: Sendable {
    /// The executable.
    let executable: URL

    /// What one run of the program left behind.
    struct Run: Sendable {
        /// The exit code (DESIGN.md, section 5).
        var exitCode: Int32
        /// What it wrote on standard error (warnings and errors, as it runs with `-q`).
        var stderr: String
    }

    /// Finds `altinn-sync`: `explicit` when given, else beside this program (how both are built and installed),
    /// else on `PATH`. Returns nil when there is none.
    static func locate(explicit: String?, environment: [String: String]) -> SyncProgram? {
        let manager = FileManager.default
        if let explicit {
            let url = URL(fileURLWithPath: explicit).standardizedFileURL
            return manager.isExecutableFile(atPath: url.path) ? SyncProgram(executable: url) : nil
        }
        var candidates: [URL] = []
        if let own = ownExecutable() {
            candidates.append(own.deletingLastPathComponent().appending(path: "altinn-sync"))
        }
        for folder in (environment["PATH"] ?? "").split(separator: ":") where !folder.isEmpty {
            candidates.append(URL(fileURLWithPath: String(folder)).appending(path: "altinn-sync"))
        }
        return candidates.first { manager.isExecutableFile(atPath: $0.path) }.map(SyncProgram.init)
    }

    /// This program's own file, symbolic links resolved (`/proc/self/exe` on Linux).
    private static func ownExecutable() -> URL? {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        return Bundle.main.executableURL?.resolvingSymlinksInPath()
    }

    /// Runs `altinn-sync ARGUMENTS` to its end. Standard output is discarded; standard error is collected in
    /// `scratch`, or passed through when `showLog` is set.
    func run(_ arguments: [String], scratch: URL, showLog: Bool) async throws -> Run {
        let stderrFile = scratch.appending(path: "altinn-sync-stderr-\(UUID().uuidString)")
        try Data().write(to: stderrFile)
        defer { try? FileManager.default.removeItem(at: stderrFile) }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = showLog ? FileHandle.standardError : try FileHandle(forWritingTo: stderrFile)
        // The simulator serves from this process, so wait without blocking one of its threads.
        let code = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, any Error>) in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        let stderr = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
        return Run(exitCode: code, stderr: stderr)
    }
}
