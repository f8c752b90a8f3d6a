import Foundation
import Testing

/// What the program says about a configuration file it cannot use.
@Suite(.serialized) struct ConfigurationFileTests {
    @Test func aTrailingCommaIsAConfigurationErrorNamingLineAndColumn() async throws {
        let e2e = try await EndToEnd.start(instances: 1)
        defer { Task { await e2e.finish() } }
        let text = try String(contentsOfFile: e2e.configPath, encoding: .utf8)
        // The configuration with a comma after its last member.
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let withComma = String(trimmed.dropLast()).trimmingCharacters(in: .whitespacesAndNewlines) + ",\n}\n"
        try Data(withComma.utf8).write(to: URL(fileURLWithPath: e2e.configPath))
        let lines = withComma.split(separator: "\n", omittingEmptySubsequences: false)
        let line = lines.count - 2  // the comma ends the line before the closing brace
        let column = lines[line - 1].count

        let run = try await e2e.run(["sync"])
        #expect(run.exitCode == 78, "\(run.stderr)")
        #expect(run.stderr.contains("not valid JSON at line \(line), column \(column)"), "\(run.stderr)")
        #expect(e2e.simulator.ledger().entries.isEmpty, "nothing was requested")
    }

    @Test(.enabled(if: getuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser")))
    func aConfigurationThisUserMayNotReadIsNamedAsSuch() async throws {
        let e2e = try await EndToEnd.start(instances: 1)
        defer { Task { await e2e.finish() } }
        chmod(e2e.configPath, getuid() == 0 ? 0o600 : 0o000)
        defer { chmod(e2e.configPath, 0o644) }
        for (arguments, code) in [(["status"], Int32(3)), (["sync"], Int32(78))] {
            let run = try await Self.runAsAnotherUser(e2e, arguments + ["--config", e2e.configPath])
            #expect(run.exitCode == code, "\(arguments): \(run.stdout)\(run.stderr)")
            let output = run.stdout + run.stderr
            #expect(output.contains("\(e2e.configPath): exists, but this user"), "\(output)")
            #expect(output.contains("may not read it"), "\(output)")
            #expect(!output.contains("pass --config"), "\(output)")
        }
    }

    /// Runs the program as `nobody` when the tests run as root (root reads anything), else as this user.
    static func runAsAnotherUser(_ e2e: EndToEnd, _ arguments: [String]) async throws -> EndToEnd.Run {
        guard getuid() == 0 else { return try await e2e.run(arguments, withConfig: false) }
        return try await RunningProcess(
            executable: URL(fileURLWithPath: "/usr/sbin/runuser"),
            arguments: ["-u", "nobody", "--", EndToEnd.binary.path] + arguments, environment: [:], folder: e2e.folder
        ).finish()
    }
}
