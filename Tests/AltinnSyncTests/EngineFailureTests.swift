import AltinnAPI
import AltinnSync
import CurlHTTP
import Foundation
import Testing

/// An instance that fails for a while because it waits for something at Altinn, not because Altinn is down.
enum WaitingInstance: CaseIterable, Sendable {
    /// The completed event came before `process.ended` was set.
    case processNotEnded
    /// An attachment is still being scanned for malware.
    case scanPending
    /// A data element came shorter than declared.
    case shortDownload

    /// What the ledger says about it.
    var reason: String {
        switch self {
        case .processNotEnded: "process.ended is not set yet"
        case .scanPending: "still being scanned for malware"
        case .shortDownload: "but Altinn declares"
        }
    }

    /// Adds such an instance to `altinn`.
    func add(to altinn: FakeAltinn, app: AppID) throws -> InstanceID {
        let content = Data("%PDF".utf8)
        let element = FakeAltinn.Element(
            id: UUID().uuidString.lowercased(), filename: "attachment.pdf", contentType: "application/pdf",
            content: content, declaredSize: self == .shortDownload ? Int64(content.count + 1) : nil,
            fileScanResult: self == .scanPending ? .pending : .clean)
        return try altinn.addInstance(app: app, ended: self != .processNotEnded, elements: [element])
    }
}

/// How failures of the feed, of one instance, and of the confirmation end up: in the ledger, in the report,
/// or ending the run.
@Suite struct EngineFailureTests {
    // MARK: Instances

    @Test func whenEveryInstanceOnAPageFailsTemporarilyNothingMoves() async throws {
        let harness = try EngineHarness(concurrency: 3)
        for _ in 1...3 {
            try harness.altinn.addEvent(app: harness.app, instance: try harness.altinn.addInstance(app: harness.app))
        }
        harness.altinn.fail(.instance(nil), with: FakeAltinn.status(503))

        let report = await harness.run()

        #expect(report.exitCode == ExitStatus.temporary)
        #expect(report.appFailures[harness.app.description]?.contains("Altinn seems unavailable") == true)
        #expect(report.counts.instancesFailed == 3, "the report says what happened")
        #expect(try harness.ledger().entries.isEmpty, "but the ledger stays as it was")
        #expect(try harness.cursor() == nil)
        #expect(harness.altinn.instanceFetches == 3)
    }

    @Test func whenEveryConfirmationFailsTemporarilyNothingMovesAndTheNextRunOnlyConfirms() async throws {
        let harness = try EngineHarness(concurrency: 3)
        var ids: [InstanceID] = []
        for _ in 1...3 {
            let id = try harness.altinn.addInstance(app: harness.app)
            ids.append(id)
            try harness.altinn.addEvent(app: harness.app, instance: id)
        }
        harness.altinn.fail(.complete(nil), with: FakeAltinn.status(503))

        let report = await harness.run()

        #expect(report.exitCode == ExitStatus.temporary)
        #expect(report.appFailures[harness.app.description]?.contains("Altinn seems unavailable") == true)
        #expect(try harness.ledger().entries.isEmpty)
        #expect(try harness.cursor() == nil)
        #expect(ids.allSatisfy { harness.isArchived($0) })
        let downloads = harness.altinn.downloads

        harness.altinn.heal(.complete(nil))
        let next = await harness.run()

        #expect(next.exitCode == ExitStatus.success)
        #expect(next.counts.instancesAlreadyArchived == 3)
        #expect(next.counts.instancesConfirmed == 3)
        #expect(harness.altinn.downloads == downloads)
    }

    @Test(arguments: WaitingInstance.allCases)
    func instancesWaitingForAltinnAreNotAnOutageHoweverMany(_ waiting: WaitingInstance) async throws {
        let harness = try EngineHarness(concurrency: 3)
        var ids: [InstanceID] = []
        var last: CloudEvent?
        for _ in 1...3 {
            let id = try waiting.add(to: harness.altinn, app: harness.app)
            ids.append(id)
            last = try harness.altinn.addEvent(app: harness.app, instance: id)
        }

        let report = await harness.run()

        #expect(report.exitCode == ExitStatus.partial)
        #expect(report.appFailures.isEmpty)
        #expect(report.counts.instancesFailed == 3)
        let ledger = try harness.ledger()
        #expect(ledger.entries.keys.sorted() == ids.map(\.description).sorted())
        #expect(ledger.entries.values.allSatisfy { $0.state == .pending && $0.lastError.contains(waiting.reason) })
        #expect(try harness.cursor() == last?.id)
    }

    @Test func whenSomeInstancesFailTemporarilyTheyGoToTheLedger() async throws {
        let harness = try EngineHarness(concurrency: 3)
        var ids: [InstanceID] = []
        var last: CloudEvent?
        for _ in 1...3 {
            let id = try harness.altinn.addInstance(app: harness.app)
            ids.append(id)
            last = try harness.altinn.addEvent(app: harness.app, instance: id)
        }
        harness.altinn.fail(.instance(ids[1]), with: FakeAltinn.status(503))

        let report = await harness.run()

        #expect(report.exitCode == ExitStatus.partial)
        #expect(report.appFailures.isEmpty)
        #expect(report.counts.instancesArchived == 2)
        #expect(report.counts.instancesFailed == 1)
        let ledger = try harness.ledger()
        #expect(ledger.entries.keys.sorted() == [ids[1].description])
        #expect(ledger.entries[ids[1].description]?.lastError.contains("HTTP 503") == true)
        #expect(try harness.cursor() == last?.id)
    }

    @Test func fewerInstancesThanTheOutageThresholdFailingGoToTheLedger() async throws {
        let harness = try EngineHarness(concurrency: 2)
        var last: CloudEvent?
        for _ in 1...2 {
            last = try harness.altinn.addEvent(
                app: harness.app, instance: try harness.altinn.addInstance(app: harness.app))
        }
        harness.altinn.fail(.instance(nil), with: FakeAltinn.status(503))

        let report = await harness.run()

        #expect(report.exitCode == ExitStatus.partial)
        #expect(try harness.ledger().entries.count == 2)
        #expect(try harness.cursor() == last?.id)
    }

    @Test func aReplayOfAnArchivedInstanceThatAltinnDeletedIsNotAFailure() async throws {
        let harness = try EngineHarness()
        let id = try harness.altinn.addInstance(app: harness.app)
        try harness.altinn.addEvent(app: harness.app, instance: id)
        #expect(await harness.run().exitCode == ExitStatus.success)
        #expect(harness.altinn.completes == [id.description])
        let downloads = harness.altinn.downloads
        // Both parties are done with it, so Altinn deletes it; then the cursor is lost and the feed replays.
        harness.altinn.update(id) { $0.deleted = true }
        try FileManager.default.removeItem(atPath: harness.store.statePath)

        let report = await harness.run()

        #expect(report.exitCode == ExitStatus.success)
        #expect(report.counts.instancesFailed == 0)
        #expect(report.counts.instancesAlreadyArchived == 1)
        #expect(
            harness.altinn.calls.last { if case .instance = $0 { true } else { false } } == .instance(id.description))
        #expect(try harness.ledger().entries.isEmpty)
        #expect(harness.altinn.downloads == downloads)
        #expect(harness.altinn.completes == [id.description])
        #expect(harness.isArchived(id))
    }

    // MARK: The confirmation

    @Test func aRefusedConfirmationStopsTheRunAndTheNextRunOnlyConfirms() async throws {
        let harness = try EngineHarness()
        let id = try harness.altinn.addInstance(app: harness.app)
        let event = try harness.altinn.addEvent(app: harness.app, instance: id)
        harness.altinn.fail(.complete(id), with: FakeAltinn.status(403, "/storage/api/v1/instances/\(id)/complete"))

        let refused = await harness.run()

        #expect(refused.exitCode == ExitStatus.authentication)
        #expect(refused.abort?.message.contains("altinn:serviceowner/instances.write") == true)
        #expect(harness.isArchived(id))
        #expect(harness.altinn.stored(id)?.confirmedBy.isEmpty == true)
        let downloads = harness.altinn.downloads
        #expect(downloads == harness.altinn.stored(id)?.elements.count)

        harness.altinn.heal(.complete(id))
        let fixed = await harness.run()

        #expect(fixed.exitCode == ExitStatus.success)
        #expect(fixed.counts.instancesAlreadyArchived == 1)
        #expect(fixed.counts.instancesConfirmed == 1)
        #expect(harness.altinn.stored(id)?.confirmedBy == [FakeAltinn.org])
        #expect(harness.altinn.downloads == downloads)
        #expect(try harness.cursor() == event.id)
    }

    @Test func aConfirmationAltinnDidNotRecordIsRetried() async throws {
        let harness = try EngineHarness(settings: [#""retry": {"initialDelay": "0s"}"#])
        let id = try harness.altinn.addInstance(app: harness.app)
        let event = try harness.altinn.addEvent(app: harness.app, instance: id)
        harness.altinn.update(id) { $0.ignoresComplete = true }

        let report = await harness.run()

        #expect(report.exitCode == ExitStatus.partial)
        #expect(report.counts.instancesConfirmed == 0)
        #expect(report.counts.instancesFailed == 1)
        #expect(harness.isArchived(id))
        #expect(harness.altinn.completes == [id.description])
        let entry = try #require(try harness.ledger().entries[id.description])
        #expect(entry.state == .pending)
        #expect(entry.lastError.contains("shows no confirmation by ttd"))
        #expect(try harness.cursor() == event.id)

        harness.altinn.update(id) { $0.ignoresComplete = false }
        let retry = await harness.run()

        #expect(retry.exitCode == ExitStatus.success)
        #expect(retry.counts.instancesConfirmed == 1)
        #expect(harness.altinn.stored(id)?.confirmedBy == [FakeAltinn.org])
        #expect(try harness.ledger().entries.isEmpty)
    }

    // The refusal waits for other instances' requests, so it needs a request slot besides its own.
    @Test(arguments: [2, 4])
    func anAbortKeepsTheOutcomesOfJobsThatFinished(concurrency: Int) async throws {
        let harness = try EngineHarness(concurrency: concurrency)
        let done = try harness.altinn.addInstance(app: harness.app)
        let gone = try harness.altinn.addInstance(app: harness.app)
        let refused = try harness.altinn.addInstance(app: harness.app)
        var events: [CloudEvent] = []
        for id in [done, gone, refused] { events.append(try harness.altinn.addEvent(app: harness.app, instance: id)) }
        harness.altinn.update(gone) { $0.deleted = true }
        // The refusal comes only once the other two have had their answers.
        let altinn = harness.altinn
        harness.altinn.on(.complete(refused)) {
            for _ in 0..<2000
            where !(altinn.completes.contains(done.description) && altinn.calls.contains(.instance(gone.description))) {
                try await Task.sleep(for: .milliseconds(5))
            }
            throw FakeAltinn.status(403, "/storage/api/v1/instances/\(refused)/complete")
        }

        let report = await harness.run()

        #expect(report.exitCode == ExitStatus.authentication)
        #expect(report.counts.instancesArchived == 1)
        #expect(report.counts.instancesConfirmed == 1)
        #expect(report.counts.instancesFailed == 1)
        #expect(harness.isArchived(done))
        #expect(harness.isArchived(refused))
        let entry = try #require(try harness.ledger().entries[gone.description])
        #expect(entry.lastError.contains("not found"))
        // The refused instance's event has no outcome, so the cursor passes only the two before it.
        #expect(try harness.cursor() == events[1].id)
    }

    // MARK: The ledger

    @Test func aLedgerEntryOfAnAppNoLongerConfiguredIsNamedButDoesNotFailTheRun() async throws {
        let harness = try EngineHarness()
        var ledger = RetryLedger()
        let orphan = "\(FakeAltinn.party)/0000abcd-0000-4000-8000-000000000005"
        ledger.recordFailure(
            app: "ttd/removed", instanceId: orphan, foundBy: "events", eventIds: [], error: "HTTP 503",
            policy: harness.configuration.retry, now: harness.clock.value.addingTimeInterval(-30 * 86400))
        try harness.store.save(ledger)

        for _ in 1...2 {
            let report = await harness.run()
            #expect(report.exitCode == ExitStatus.success)
            #expect(report.pendingLedgerEntries == 0)
        }

        #expect(harness.altinn.instanceFetches == 0)
        #expect(try harness.ledger().contains(orphan))
        let warnings = harness.warnings(containing: "ttd/removed")
        #expect(warnings.count == 2)
        #expect(warnings.first?.message.contains("apps no longer configured") == true)
    }
}
