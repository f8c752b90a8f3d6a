import AltinnAPI
import AltinnSimulator
import AltinnSync
import Foundation
import Testing

/// status, check, retry, watch, reconcile and the metrics file, from the real program.
@Suite(.serialized) struct OperationsTests {
    @Test func reconciliationArchivesLostEventsOverManyPagesWithoutSkipsOrDuplicates() async throws {
        let e2e = try await EndToEnd.start(
            instances: 60, seed: 3, { $0.lostEventShare = 0.5 },
            config: [
                "reconcile": ["pageSize": 4]
            ])
        defer { Task { await e2e.finish() } }
        let truth = e2e.simulator.truth()
        let lost = truth.instances.filter { $0.completed && $0.eventLost }
        #expect(lost.count > 10)
        let run = try await e2e.run(["sync"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        try ArchiveAudit(archive: e2e.archive, org: "ttd").verifyMatches(e2e.simulator.truth())
        let ledger = e2e.simulator.ledger()
        #expect(ledger.entries(.instanceQuery).count > lost.count / 4, "many query pages")
        for instance in lost {
            #expect(ledger.completes(of: instance.instanceID).filter { $0.newConfirmation == true }.count == 1)
        }
        let state = try StateStore(directory: e2e.stateDirectory).loadState()
        #expect(state.apps.values.allSatisfy { $0.lastReconciliation != nil })
    }

    @Test func statusReportsHealthForMonitoring() async throws {
        let e2e = try await EndToEnd.start()
        defer { Task { await e2e.finish() } }
        let never = try await e2e.run(["status"])
        #expect(never.exitCode == 1, "never ran: WARNING")
        // The first line is what a monitoring check shows: the health and why, not the config path.
        #expect(never.stdout.hasPrefix("WARNING: altinn-sync has not run yet"), "\(never.stdout)")
        #expect(try await e2e.run(["sync"]).exitCode == 0)
        let text = try await e2e.run(["status"])
        #expect(text.exitCode == 0)
        #expect(text.stdout.hasPrefix("OK: last successful run "), "\(text.stdout)")
        let healthy = try await e2e.run(["status", "--json"])
        #expect(healthy.exitCode == 0, "\(healthy.stdout)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(healthy.stdout.utf8)) as? [String: Any])
        #expect(json["health"] as? String == "OK")
        #expect((json["apps"] as? [[String: Any]])?.count == 2)
        #expect((json["apps"] as? [[String: Any]])?.allSatisfy { $0["cursor"] is String } == true)
        let stale = try await e2e.run(["status", "--stale-after", "1ms"])
        #expect(stale.exitCode == 2)
        #expect(stale.stdout.hasPrefix("CRITICAL: no successful run for"), "\(stale.stdout)")
    }

    @Test func checkPassesAgainstTheSimulatorAndNamesTheRemedyForAWrongKey() async throws {
        let e2e = try await EndToEnd.start()
        defer { Task { await e2e.finish() } }
        let good = try await e2e.run(["check"])
        #expect(good.exitCode == 0, "\(good.stdout)\(good.stderr)")
        for step in ["configuration", "signing key", "Maskinporten token", "Altinn token", "events ttd/skjema-a"] {
            #expect(good.stdout.contains("ok   \(step)"), "\(step): \(good.stdout)")
        }
        #expect(good.stdout.contains("service owner ttd"))

        // A key Maskinporten does not know.
        let other = e2e.folder.appending(path: "other-key.pem").path
        let generate = Process()
        generate.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        generate.arguments = ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", other]
        generate.standardError = FileHandle.nullDevice
        try generate.run()
        generate.waitUntilExit()
        chmod(other, 0o600)
        try e2e.editConfig { json in
            var maskinporten = json["maskinporten"] as? [String: Any] ?? [:]
            var key = maskinporten["key"] as? [String: Any] ?? [:]
            key["file"] = other
            maskinporten["key"] = key
            json["maskinporten"] = maskinporten
        }
        let bad = try await e2e.run(["check"])
        #expect(bad.exitCode == 2)
        #expect(bad.stdout.contains("FAIL Maskinporten token"), "\(bad.stdout)")
        #expect(bad.stdout.contains("->"), "a remedy is printed")
    }

    @Test func checkNamesTheCauseOfAWrongClientID() async throws {
        let e2e = try await EndToEnd.start()
        defer { Task { await e2e.finish() } }
        try e2e.editConfig { json in
            var maskinporten = json["maskinporten"] as? [String: Any] ?? [:]
            maskinporten["clientId"] = "11111111-2222-3333-4444-555555555555"
            json["maskinporten"] = maskinporten
        }
        let run = try await e2e.run(["check"])
        #expect(run.exitCode == 2)
        #expect(run.stdout.contains("FAIL Maskinporten token"), "\(run.stdout)")
        #expect(run.stdout.contains("MP-100"), "\(run.stdout)")
        #expect(run.stdout.contains("clientId"), "the remedy names the setting: \(run.stdout)")
    }

    @Test func checkFailsForAnUnwritableArchiveAndAMissingScope() async throws {
        let e2e = try await EndToEnd.start()
        defer { Task { await e2e.finish() } }
        try Data("not a folder".utf8).write(to: e2e.folder.appending(path: "blocker"))
        try e2e.editConfig { json in
            json["archiveDir"] = "blocker/archive"
            json["stateDir"] = "state"
            var maskinporten = json["maskinporten"] as? [String: Any] ?? [:]
            maskinporten["scopes"] = ["altinn:serviceowner/instances.read", "altinn:not-registered"]
            json["maskinporten"] = maskinporten
        }
        let run = try await e2e.run(["check"])
        #expect(run.exitCode == 2)
        #expect(run.stdout.contains("FAIL archive folder"), "\(run.stdout)")
        #expect(run.stdout.contains("FAIL Maskinporten token"), "\(run.stdout)")
        #expect(run.stdout.contains("MP-200") || run.stdout.contains("scope"), "\(run.stdout)")
    }

    @Test func watchRunsRepeatedlyAndStopsPromptlyOnSigterm() async throws {
        let e2e = try await EndToEnd.start()
        defer { Task { await e2e.finish() } }
        let process = try e2e.launch(["watch", "--interval", "1s"])
        var runs = 0
        let deadline = ContinuousClock.now + .seconds(10)
        while runs < 2, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            runs = process.stderrSoFar.components(separatedBy: "sync success").count - 1
        }
        #expect(runs >= 2, "\(process.stderrSoFar)")
        let added = e2e.simulator.addInstance(app: "ttd/skjema-b")
        let pickup = ContinuousClock.now + .seconds(5)
        while e2e.simulator.truth().instance(added.guid)?.confirmed != true, ContinuousClock.now < pickup {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(e2e.simulator.truth().instance(added.guid)?.confirmed == true, "watch picked up the new submission")
        let signalled = ContinuousClock.now
        process.signal(SIGTERM)
        let run = await process.finish()
        #expect(ContinuousClock.now - signalled < .seconds(5))
        #expect(run.exitCode == 0 || run.exitCode == 130, "\(run.exitCode)")
    }

    @Test func theMetricsFileIsPrometheusTextFormat() async throws {
        let e2e = try await EndToEnd.start()
        defer { Task { await e2e.finish() } }
        let path = e2e.folder.appending(path: "altinn_sync.prom").path
        #expect(try await e2e.run(["sync", "--metrics-file", path]).exitCode == 0)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var typed = Set<String>()
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                #expect(parts.count == 4 && parts[3] == "gauge", "\(line)")
                typed.insert(String(parts[2]))
            } else if !line.hasPrefix("#") {
                let parts = line.split(separator: " ")
                #expect(parts.count == 2, "\(line)")
                let name = String(parts[0].prefix { $0 != "{" })
                #expect(typed.contains(name), "\(name) has a TYPE line first")
                #expect(name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" })
                samples[String(parts[0])] = Double(parts[1])
            }
        }
        let completed = e2e.simulator.truth().instances.filter(\.completed).count
        #expect(samples["altinn_sync_last_run_exit_code"] == 0)
        #expect(samples["altinn_sync_last_run_instances{outcome=\"archived\"}"] == Double(completed))
        #expect(samples["altinn_sync_last_success_timestamp_seconds"] ?? 0 > 1_700_000_000)
        #expect(samples["altinn_sync_retry_ledger_entries{state=\"pending\"}"] == 0)
        // The seeded events are days old, but each feed was read to its end: no lag.
        #expect(samples["altinn_sync_cursor_lag_seconds{app=\"ttd/skjema-a\"}"] == 0)
        #expect(samples["altinn_sync_cursor_lag_seconds{app=\"ttd/skjema-b\"}"] == 0)
    }

    @Test func theDemoDrivesTheProgramThroughTheWholeJobAndIsSafeToRunTwice() async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "altinn-sync-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let simulator = EndToEnd.builtProgram("altinn-sim")
        try #require(FileManager.default.isExecutableFile(atPath: simulator.path), "build altinn-sim first")
        let demo = ["demo", "--directory", folder.appending(path: "demo").path, "--altinn-sync", EndToEnd.binary.path]
        var runs: [EndToEnd.Run] = []
        for _ in 0..<2 {
            let run = try await RunningProcess(executable: simulator, arguments: demo, environment: [:], folder: folder)
                .finish()
            #expect(run.exitCode == 0, "\(run.stdout)\(run.stderr)")
            #expect(run.stdout.contains("verified: all"), "\(run.stdout)")
            #expect(run.stdout.contains("altinn-sync: \(EndToEnd.binary.path)"), "the program under test ran")
            #expect(!run.stderr.contains("warning"), "\(run.stderr)")
            runs.append(run)
        }
        #expect(runs[0].stdout.contains("sync, first run:  16 events, 16 archived, 0 already archived, 16 confirmed"))
        #expect(runs[1].stdout.contains(", 0 archived, 16 already archived, 16 confirmed"), "\(runs[1].stdout)")
    }

    @Test func theDemoSaysHowToGetAltinnSyncWhenItFindsNone() async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "altinn-sync-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try await RunningProcess(
            executable: EndToEnd.builtProgram("altinn-sim"),
            arguments: ["demo", "--directory", folder.path, "--altinn-sync", folder.appending(path: "absent").path],
            environment: [:], folder: folder
        ).finish()
        #expect(run.exitCode == 64, "\(run.stderr)")
        #expect(run.stderr.contains("absent is not an executable file"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "altinn-sync.json").path))
    }

    @Test func statusIsUnknownWhenItCannotReadTheConfigurationOrTheState() async throws {
        let e2e = try await EndToEnd.start(instances: 2)
        defer { Task { await e2e.finish() } }
        let missing = try await e2e.run(["status", "--config", "/nonexistent/altinn-sync.json"], withConfig: false)
        #expect(missing.exitCode == 3)
        #expect(missing.stdout.hasPrefix("UNKNOWN: /nonexistent/altinn-sync.json"), "\(missing.stdout)")
        #expect(try await e2e.run(["sync"]).exitCode == 0)
        // A user that may not read the state folder learns that, rather than "never ran".
        let unreadable = try await e2e.run(["status", "--json"], environment: [:])
        #expect(unreadable.exitCode == 0)
        chmod(e2e.stateDirectory, 0o000)
        defer { chmod(e2e.stateDirectory, 0o700) }
        if getuid() != 0 {  // root reads anything
            let denied = try await e2e.run(["status"])
            #expect(denied.exitCode == 3)
            #expect(denied.stdout.contains("cannot be read by this user"))
        }
    }

    @Test func aClientWithoutTheWriteScopeIsWarnedByCheckAndStoppedBySync() async throws {
        let e2e = try await EndToEnd.start(instances: 4)
        defer { Task { await e2e.finish() } }
        try e2e.editConfig { json in
            var maskinporten = json["maskinporten"] as? [String: Any] ?? [:]
            maskinporten["scopes"] = ["altinn:serviceowner/instances.read"]
            json["maskinporten"] = maskinporten
        }
        let check = try await e2e.run(["check"])
        #expect(check.exitCode == 1, "\(check.stdout)")
        #expect(check.stdout.contains("warn confirmation scope"), "\(check.stdout)")
        let sync = try await e2e.run(["sync"])
        #expect(sync.exitCode == 77, "\(sync.stderr)")
        #expect(sync.stderr.contains("altinn:serviceowner/instances.write"))
        // The files are in place; with the scope, the next run only confirms.
        #expect(try !ArchiveAudit(archive: e2e.archive, org: "ttd").instanceFolders().isEmpty)
        try e2e.editConfig { json in
            var maskinporten = json["maskinporten"] as? [String: Any] ?? [:]
            maskinporten["scopes"] = ["altinn:serviceowner/instances.read", "altinn:serviceowner/instances.write"]
            json["maskinporten"] = maskinporten
            json["tokenCache"] = false
        }
        e2e.simulator.clearLedger()
        #expect(try await e2e.run(["sync"]).exitCode == 0)
        try ArchiveAudit(archive: e2e.archive, org: "ttd").verifyMatches(e2e.simulator.truth())
    }
}
