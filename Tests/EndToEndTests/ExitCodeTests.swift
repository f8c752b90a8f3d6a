import AltinnAPI
import AltinnSimulator
import AltinnSync
import Foundation
import Testing

/// Each exit code of the README's table, from the real program.
@Suite(.serialized) struct ExitCodeTests {
    @Test func anInvalidConfigurationExits78NamingTheKey() async throws {
        let e2e = try await EndToEnd.start()
        defer { Task { await e2e.finish() } }
        try e2e.editConfig { $0["concurrency"] = "eight" }
        let run = try await e2e.run(["sync"])
        #expect(run.exitCode == 78)
        #expect(run.stderr.contains("concurrency: expected a whole number, got the string \"eight\""), "\(run.stderr)")
        let missing = try await e2e.run(["sync", "--config", "/nonexistent/altinn-sync.json"], withConfig: false)
        #expect(missing.exitCode == 78)
        #expect(missing.stderr.contains("/nonexistent/altinn-sync.json"))
    }

    @Test func anUnknownClientIsRefusedWithExit77AndMaskinportensReason() async throws {
        let e2e = try await EndToEnd.start()
        defer { Task { await e2e.finish() } }
        try e2e.editConfig { json in
            var maskinporten = json["maskinporten"] as? [String: Any] ?? [:]
            maskinporten["clientId"] = "00000000-0000-0000-0000-000000000000"
            json["maskinporten"] = maskinporten
        }
        let run = try await e2e.run(["sync"])
        #expect(run.exitCode == 77, "\(run.stderr)")
        #expect(run.stderr.contains("MP-100"), "\(run.stderr)")
        #expect(try ArchiveAudit(archive: e2e.archive, org: "ttd").instanceFolders().isEmpty)
    }

    @Test func maskinportenDownExits75AfterTheConfiguredAttempts() async throws {
        let e2e = try await EndToEnd.start(instances: 2)
        defer { Task { await e2e.finish() } }
        try e2e.editConfig { $0["http"] = ["maxAttempts": 2] }
        e2e.simulator.setFaults([FaultRule(route: .token, kind: .serverError(status: 503, retryAfter: nil))])
        let run = try await e2e.run(["sync"])
        #expect(run.exitCode == 75, "\(run.stderr)")
        #expect(run.stderr.contains("after 2 attempts"), "\(run.stderr)")
        #expect(e2e.simulator.ledger().entries(.fault).count == 2, "http.maxAttempts applies to Maskinporten")
    }

    @Test func anEventsFeedThatKeepsFailingExits75AndMovesNothing() async throws {
        let e2e = try await EndToEnd.start()
        defer { Task { await e2e.finish() } }
        e2e.simulator.setFaults([FaultRule(route: .events, kind: .serverError(status: 503, retryAfter: nil))])
        let run = try await e2e.run(["sync"])
        #expect(run.exitCode == 75, "\(run.stderr)")
        let state = try StateStore(directory: e2e.stateDirectory).loadState()
        #expect(state.apps.values.allSatisfy { $0.cursor == nil })
        #expect(e2e.simulator.ledger().entries(.complete).isEmpty)
    }

    @Test func failingInstancesGoToTheLedgerExit3AndTheNextRunFinishesTheJob() async throws {
        // One instance at a time: the first three data requests are one download's three attempts, so exactly
        // one instance fails and the others succeed.
        let e2e = try await EndToEnd.start(instances: 10, config: ["concurrency": 1])
        defer { Task { await e2e.finish() } }
        e2e.simulator.setFaults([
            FaultRule(route: .data, kind: .serverError(status: 500, retryAfter: nil), firstRequests: 3)
        ])
        let first = try await e2e.run(["sync"])
        #expect(first.exitCode == 3, "\(first.stderr)")
        let ledger = try StateStore(directory: e2e.stateDirectory).loadLedger()
        #expect(!ledger.entries(in: .pending).isEmpty)
        try ArchiveAudit(archive: e2e.archive, org: "ttd").verifyEveryFolderIsComplete()
        for entry in ledger.entries(in: .pending) {
            #expect(e2e.simulator.ledger().completes(of: entry.instanceId).isEmpty, "failed: not confirmed")
        }
        let status = try await e2e.run(["status"])
        #expect(status.stdout.contains("pending"), "\(status.stdout)")

        e2e.simulator.setFaults([])
        let second = try await e2e.run(["sync"])
        #expect(second.exitCode == 0, "\(second.stderr)")
        try ArchiveAudit(archive: e2e.archive, org: "ttd").verifyMatches(e2e.simulator.truth())
        #expect(try StateStore(directory: e2e.stateDirectory).loadLedger().entries.isEmpty)
    }

    @Test func anotherRunHoldingTheLockExits11WithOneLine() async throws {
        let e2e = try await EndToEnd.start()
        defer { Task { await e2e.finish() } }
        let store = StateStore(directory: e2e.stateDirectory)
        try store.prepare()
        let lock = try store.lock()
        let run = try await e2e.run(["sync"])
        withExtendedLifetime(lock) {}
        #expect(run.exitCode == 11)
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        // The holder (this test process) is named, with when it took the lock.
        let holder = try #require(RunLockHolder(fileContents: String(contentsOfFile: store.lockPath, encoding: .utf8)))
        #expect(holder.pid == getpid())
        #expect(
            run.stderr.contains(
                "another altinn-sync run (process \(getpid()), started \(ISOTime.string(holder.startedAt))) holds the lock"
            ),
            "\(run.stderr)")
        #expect(e2e.simulator.ledger().entries(.grantAccepted).isEmpty, "nothing happens without the lock")
    }

    @Test func maxDurationStopsCleanlyWithExit10AndTheNextRunContinues() async throws {
        let e2e = try await EndToEnd.start(instances: 12, config: ["concurrency": 1])
        defer { Task { await e2e.finish() } }
        e2e.simulator.setFaults([FaultRule(route: .instance, kind: .latency(milliseconds: 300))])
        let run = try await e2e.run(["sync", "--max-duration", "1s"])
        #expect(run.exitCode == 10, "\(run.stderr)")
        try ArchiveAudit(archive: e2e.archive, org: "ttd").verifyEveryFolderIsComplete()
        e2e.simulator.setFaults([])
        #expect(try await e2e.run(["sync"]).exitCode == 0)
        try ArchiveAudit(archive: e2e.archive, org: "ttd").verifyMatches(e2e.simulator.truth())
    }

    @Test func sigtermStopsCleanlyWithExit130AndLeavesNoStaging() async throws {
        let e2e = try await EndToEnd.start(instances: 8)
        defer { Task { await e2e.finish() } }
        e2e.simulator.setFaults([FaultRule(route: .data, kind: .slowBody(bytesPerSecond: 2000))])
        let process = try e2e.launch(["sync"])
        try await Task.sleep(for: .milliseconds(1500))
        process.signal(SIGTERM)
        let run = await process.finish()
        #expect(run.exitCode == 130, "\(run.stderr)")
        #expect(run.stderr.contains("interrupted"))
        let audit = ArchiveAudit(archive: e2e.archive, org: "ttd")
        #expect(audit.stagingIsEmpty)
        try audit.verifyEveryFolderIsComplete()
        e2e.simulator.setFaults([])
        #expect(try await e2e.run(["sync"]).exitCode == 0)
        try audit.verifyMatches(e2e.simulator.truth())
    }

    @Test func anArchiveThatCannotBeWrittenExits1AndConfirmsNothing() async throws {
        let e2e = try await EndToEnd.start(instances: 4)
        defer { Task { await e2e.finish() } }
        try Data("a file, not a folder".utf8).write(to: e2e.folder.appending(path: "blocked"))
        try e2e.editConfig { json in
            json["archiveDir"] = "blocked/archive"
            json["stateDir"] = "state"
        }
        let run = try await e2e.run(["sync"])
        #expect(run.exitCode == 1, "\(run.stderr)")
        #expect(run.stderr.contains("blocked"), "the message names the path: \(run.stderr)")
        #expect(e2e.simulator.ledger().entries(.complete).isEmpty)
    }

    @Test func aUsageErrorExits64() async throws {
        let e2e = try await EndToEnd.start(instances: 2)
        defer { Task { await e2e.finish() } }
        let run = try await e2e.run(["sync", "--no-such-flag"])
        #expect(run.exitCode == 64)
        #expect(run.stderr.contains("--no-such-flag"))
        let both = try await e2e.run(["status", "--quiet", "--verbose"])
        #expect(both.exitCode == 64)
    }

    @Test func jsonLogsAreOneObjectPerLineWithoutSecrets() async throws {
        let e2e = try await EndToEnd.start(instances: 6)
        defer { Task { await e2e.finish() } }
        let run = try await e2e.run(["sync", "--log-format", "json", "--verbose"])
        #expect(run.exitCode == 0)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count > 5)
        var sawSummary = false
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["time"] is String && object["level"] is String && object["message"] is String)
            if (object["message"] as? String)?.hasPrefix("sync success") == true {
                sawSummary = true
                #expect(object["run.exit_code"] as? Int == 0, "counts and codes are JSON numbers")
                #expect(object["instances.archived"] is Int)
            }
        }
        #expect(sawSummary)
        let key = try String(contentsOfFile: e2e.folder.appending(path: "client-key.pem").path, encoding: .utf8)
        let keyBody = key.split(separator: "\n").dropFirst().first.map(String.init) ?? "unlikely"
        #expect(!run.stderr.contains(keyBody), "no key material in the logs")
        #expect(!run.stderr.contains("eyJ"), "no JWT in the logs")
    }

    @Test func aCachedTokenIsNotReusedWithAnotherKey() async throws {
        let e2e = try await EndToEnd.start(instances: 2)
        defer { Task { await e2e.finish() } }
        #expect(try await e2e.run(["sync"]).exitCode == 0)
        try e2e.editConfig { json in
            var maskinporten = json["maskinporten"] as? [String: Any] ?? [:]
            var key = maskinporten["key"] as? [String: Any] ?? [:]
            key["kid"] = "a-kid-maskinporten-does-not-know"
            maskinporten["key"] = key
            json["maskinporten"] = maskinporten
        }
        let run = try await e2e.run(["sync"])
        #expect(run.exitCode == 77, "the cached token was earned by another kid: \(run.stderr)")
        #expect(run.stderr.contains("MP-"), "\(run.stderr)")
    }
}
