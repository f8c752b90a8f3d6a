import AltinnAPI
import AltinnSimulator
import AltinnSync
import Foundation
import TestSupport
import Testing

/// The guarantees (README, What it guarantees) that concern hostile input, replays and crashes.
@Suite(.serialized) struct SafetyTests {
    @Test func apiFilenamesNeverEscapeTheirFolder() async throws {
        let e2e = try await EndToEnd.start(instances: 16)
        defer { Task { await e2e.finish() } }
        #expect(try await e2e.run(["sync"]).exitCode == 0)
        let truth = e2e.simulator.truth()
        let hostile = truth.instances.flatMap(\.dataElements).filter { $0.filename?.contains("..") == true }
        #expect(!hostile.isEmpty, "the seed has a path-traversal filename")
        // Every regular file under the archive is inside an instance folder (or the tool's own dot-folders).
        let enumerator = try #require(FileManager.default.enumerator(atPath: e2e.archive))
        while let relative = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: "\(e2e.archive)/\(relative)", isDirectory: &isDirectory)
            guard exists, !isDirectory.boolValue else { continue }
            let parts = relative.split(separator: "/")
            #expect(parts.first == "ttd" || parts.first?.hasPrefix(".") == true, "\(relative)")
            if parts.first == "ttd" {
                #expect(parts.count == 5 || (parts.count == 6 && parts[4] == "data"), "\(relative)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: "\(e2e.archive)/ttd/etc"))
        try ArchiveAudit(archive: e2e.archive, org: "ttd").verifyMatches(truth)
    }

    @Test func anEventNamingAnotherHostNeverGetsARequest() async throws {
        let foreign = try await TransportTestServer()
        let e2e = try await EndToEnd.start(instances: 4)
        defer {
            Task {
                await e2e.finish()
                await foreign.stop()
            }
        }
        #expect(try await e2e.run(["sync"]).exitCode == 0)
        // Two new submissions whose events point at another host: one with resourceinstance, one without.
        let first = e2e.simulator.addInstance(app: "ttd/skjema-a", completed: true, eventLost: true)
        let second = e2e.simulator.addInstance(app: "ttd/skjema-a", completed: true, eventLost: true)
        for (instance, includeResourceInstance) in [(first, true), (second, false)] {
            let source = foreign.url("/scripted/steal/ttd/skjema-a/instances/\(instance.partyId)/\(instance.guid)")
            e2e.simulator.publishEvent(
                type: "app.instance.process.completed", instanceGUID: instance.guid, source: source.absoluteString,
                includeResourceInstance: includeResourceInstance)
        }
        let run = try await e2e.run(["sync"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(foreign.requests("steal").isEmpty, "no request, so no token, left for the foreign host")
        #expect(run.stderr.contains("event source names another host"))
        try ArchiveAudit(archive: e2e.archive, org: "ttd").verifyMatches(e2e.simulator.truth())
    }

    @Test func duplicateEventsAndAResetCursorNeverDuplicateFilesAndWarn() async throws {
        let e2e = try await EndToEnd.start(instances: 10)
        defer { Task { await e2e.finish() } }
        #expect(try await e2e.run(["sync"]).exitCode == 0)
        let audit = ArchiveAudit(archive: e2e.archive, org: "ttd")
        let before = try audit.instanceFolders()

        // Duplicate events for archived instances.
        for instance in e2e.simulator.truth().instances.filter(\.completed).prefix(3) {
            e2e.simulator.publishEvent(type: "app.instance.process.completed", instanceGUID: instance.guid)
        }
        e2e.simulator.clearLedger()
        #expect(try await e2e.run(["sync"]).exitCode == 0)
        #expect(e2e.simulator.ledger().entries(.download).isEmpty)

        // Altinn forgets the cursor's event (purged): the feed restarts from the oldest event.
        let store = StateStore(directory: e2e.stateDirectory)
        var state = try store.loadState()
        for app in state.apps.keys { state.apps[app]?.cursor = "3f1c1e52-0000-4000-8000-000000000000" }
        try store.save(state)
        e2e.simulator.clearLedger()
        let replay = try await e2e.run(["sync"])
        #expect(replay.exitCode == 0, "\(replay.stderr)")
        #expect(replay.stderr.contains("events older than the cursor reappeared"), "\(replay.stderr)")
        #expect(e2e.simulator.ledger().entries(.download).isEmpty, "archived instances are not fetched again")
        #expect(try audit.instanceFolders() == before)
        try audit.verifyMatches(e2e.simulator.truth())
    }

    @Test func anInfectedInstanceIsNeitherArchivedNorConfirmed() async throws {
        let e2e = try await EndToEnd.start(instances: 10) { $0.infectedInstance = true }
        defer { Task { await e2e.finish() } }
        let truth = e2e.simulator.truth()
        let infected = try #require(
            truth.instances.first { $0.completed && $0.dataElements.contains { $0.fileScanResult == "Infected" } })
        let run = try await e2e.run(["sync"])
        #expect(run.exitCode == 3, "\(run.stderr)")
        #expect(run.stderr.contains("quarantined"))
        let audit = ArchiveAudit(archive: e2e.archive, org: "ttd")
        #expect(try !audit.instanceFolders().contains { $0.hasSuffix(infected.guid) })
        #expect(e2e.simulator.ledger().completes(of: infected.instanceID).isEmpty)
        let ledger = try StateStore(directory: e2e.stateDirectory).loadLedger()
        #expect(ledger.entries(in: .quarantined).map(\.instanceId) == [infected.instanceID])
        let status = try await e2e.run(["status"])
        #expect(status.exitCode == 2)
        #expect(status.stdout.contains("quarantined"))
        // The next run reports it again and still does not confirm it.
        #expect(try await e2e.run(["sync"]).exitCode == 3)
        #expect(e2e.simulator.ledger().completes(of: infected.instanceID).isEmpty)
    }

    @Test func aRunKilledAtAnyMomentLeavesNoPartialInstanceAndConfirmsOnlyWhatIsStored() async throws {
        let e2e = try await EndToEnd.start(instances: 14, seed: 11, config: ["concurrency": 3])
        defer { Task { await e2e.finish() } }
        e2e.simulator.setFaults([
            FaultRule(route: .data, kind: .slowBody(bytesPerSecond: 20_000)),
            FaultRule(route: .complete, kind: .latency(milliseconds: 150)),
        ])
        let audit = ArchiveAudit(archive: e2e.archive, org: "ttd")
        let completed = e2e.simulator.truth().instances.filter(\.completed).count
        var archivedAfterKill: [Int] = []
        for delay in [150, 400, 700, 1000, 1300, 1700, 2200] {
            let process = try e2e.launch(["sync"])
            try await Task.sleep(for: .milliseconds(delay))
            process.signal(SIGKILL)
            _ = await process.finish()
            let manifests = try audit.verifyEveryFolderIsComplete()
            archivedAfterKill.append(manifests.count)
            for confirmation in e2e.simulator.ledger().entries(.complete) {
                let instance = try #require(confirmation.instanceID)
                #expect(manifests[instance] != nil, "confirmed \(instance) before its files were in place")
            }
        }
        // The kills landed while work was under way, not before or after it.
        #expect(archivedAfterKill.first ?? 0 < completed, "\(archivedAfterKill) of \(completed)")
        #expect(archivedAfterKill.contains { $0 > 0 }, "\(archivedAfterKill)")
        #expect(!e2e.simulator.ledger().entries(.complete).isEmpty, "some kills came after confirmations")
        e2e.simulator.setFaults([])
        let final = try await e2e.run(["sync"])
        #expect(final.exitCode == 0, "\(final.stderr)")
        #expect(audit.stagingIsEmpty, "the run cleans what killed runs left")
        try audit.verifyMatches(e2e.simulator.truth())
    }

    @Test func anEventNamingAnotherAppIsSkippedWithAWarningAndTheCursorMovesOn() async throws {
        let e2e = try await EndToEnd.start(instances: 4)
        defer { Task { await e2e.finish() } }
        #expect(try await e2e.run(["sync"]).exitCode == 0)
        let instance = e2e.simulator.addInstance(app: "ttd/skjema-a", completed: true, eventLost: true)
        let elsewhere =
            "\(e2e.simulator.apps.absoluteString)/ttd/other-app/instances/\(instance.partyId)/\(instance.guid)"
        let eventID = try #require(
            e2e.simulator.publishEvent(
                type: "app.instance.process.completed", instanceGUID: instance.guid, source: elsewhere,
                includeResourceInstance: false))
        e2e.simulator.clearLedger()
        let run = try await e2e.run(["sync"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(run.stderr.contains("ignoring an event that names no instance of this app"), "\(run.stderr)")
        #expect(e2e.simulator.ledger().entries(.instanceRead).isEmpty, "nothing fetched for it")
        let state = try StateStore(directory: e2e.stateDirectory).loadState()
        #expect(state.apps["ttd/skjema-a"]?.cursor == eventID)
    }

    @Test func aFeedUnreadForNearlyAltinnsRetentionTriggersOneSweep() async throws {
        let e2e = try await EndToEnd.start(instances: 4)
        defer { Task { await e2e.finish() } }
        #expect(try await e2e.run(["sync"]).exitCode == 0)
        // A submission whose event will never be seen, while the cursor's event is 100 days old.
        let lost = e2e.simulator.addInstance(app: "ttd/skjema-b", completed: true, eventLost: true)
        let store = StateStore(directory: e2e.stateDirectory)
        var state = try store.loadState()
        state.apps["ttd/skjema-b"]?.feedCaughtUpAt = Date().addingTimeInterval(-100 * 86400)
        try store.save(state)
        e2e.simulator.clearLedger()
        let run = try await e2e.run(["sync"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(run.stderr.contains("Altinn keeps events for 90 days"), "\(run.stderr)")
        #expect(e2e.simulator.ledger().entries(.instanceQuery).count == 1, "one sweep, of the app whose feed aged")

        // Read again just now: no warning, no sweep.
        e2e.simulator.clearLedger()
        let quiet = try await e2e.run(["sync", "-q"])
        #expect(quiet.exitCode == 0)
        #expect(quiet.stderr.isEmpty, "\(quiet.stderr)")
        #expect(e2e.simulator.ledger().entries(.instanceQuery).isEmpty)
        #expect(e2e.simulator.truth().instance(lost.guid)?.confirmed == true, "found by the sweep")
        try ArchiveAudit(archive: e2e.archive, org: "ttd").verifyMatches(e2e.simulator.truth())
    }

    @Test func cronRunsAgainstAFaultySimulatorEndWithEverythingArchivedAndConfirmedOnce() async throws {
        let e2e = try await EndToEnd.start(instances: 24, seed: 5)
        defer { Task { await e2e.finish() } }
        // Two attempts per request, so that faults get through the transport's retries to the engine.
        // The retry ledger keeps trying (as the default 10 attempts with backoff would over a day).
        try e2e.editConfig { json in
            json["http"] = ["maxAttempts": 2, "connectTimeout": "5s", "stallTimeout": "10s", "apiTimeout": "30s"]
            json["retry"] = ["maxAttempts": 100, "initialDelay": "0s", "maxDelay": "0s"]
        }
        e2e.simulator.setFaults([
            FaultRule(route: .events, kind: .serverError(status: 503, retryAfter: 1), probability: 0.3),
            FaultRule(route: .instance, kind: .serverError(status: 500, retryAfter: nil), probability: 0.3),
            FaultRule(route: .data, kind: .connectionReset, probability: 0.25),
            FaultRule(route: .data, kind: .truncatedBody, probability: 0.15),
            FaultRule(route: .complete, kind: .tooManyRequests(retryAfter: 1), probability: 0.3),
            FaultRule(route: .query, kind: .serverError(status: 502, retryAfter: nil), probability: 0.3),
            FaultRule(route: nil, kind: .latency(milliseconds: 20), probability: 0.3),
        ])
        let audit = ArchiveAudit(archive: e2e.archive, org: "ttd")
        var codes: [Int32] = []
        for _ in 0..<25 {
            let run = try await e2e.run(["sync", "-q"])
            codes.append(run.exitCode)
            #expect([0, 3, 75].contains(run.exitCode), "\(run.stderr)")
            // After every run, whatever its end: only complete folders, and confirmations only of them.
            let manifests = try audit.verifyEveryFolderIsComplete()
            for confirmation in e2e.simulator.ledger().entries(.complete) where confirmation.newConfirmation == true {
                #expect(manifests[confirmation.instanceID ?? ""] != nil)
            }
            if run.exitCode == 0 { break }
        }
        #expect(codes.last == 0, "cron runs: \(codes)")
        #expect(codes.count > 1, "the faults made at least one run end unfinished: \(codes)")
        #expect(!e2e.simulator.ledger().entries(.fault).isEmpty, "faults were injected")
        try audit.verifyMatches(e2e.simulator.truth())
        let confirmations = e2e.simulator.ledger().entries(.complete).filter { $0.newConfirmation == true }
        #expect(Set(confirmations.compactMap(\.instanceID)).count == confirmations.count, "each confirmed once")
    }
}
