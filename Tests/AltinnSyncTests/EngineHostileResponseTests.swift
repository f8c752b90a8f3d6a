import AltinnAPI
import AltinnSync
import Foundation
import Testing

/// Responses no honest Altinn sends: each ends with the instance in the retry ledger (or a clearly logged
/// skip), the other instances and apps unaffected, and nothing confirmed without its data.
@Suite("Engine: hostile responses")
struct EngineHostileResponseTests {
    @Test func anInstanceDocumentWithoutDataIsNeitherArchivedNorConfirmed() async throws {
        let harness = try EngineHarness()
        let broken = try harness.altinn.addInstance(app: harness.app)
        let fine = try harness.altinn.addInstance(app: harness.app)
        harness.altinn.update(broken) { $0.omittedMembers = ["data"] }
        try harness.altinn.addEvent(app: harness.app, instance: broken)
        let last = try harness.altinn.addEvent(app: harness.app, instance: fine)

        let report = await harness.run()

        #expect(report.exitCode == ExitStatus.partial)
        #expect(report.counts.instancesFailed == 1)
        #expect(!harness.isArchived(broken))
        #expect(harness.altinn.completes == [fine.description])
        #expect(harness.altinn.stored(broken)?.confirmedBy.isEmpty == true)
        let entry = try #require(try harness.ledger().entries[broken.description])
        #expect(entry.lastError.contains("required field 'data' is missing"), "\(entry.lastError)")
        #expect(harness.isArchived(fine))
        #expect(try harness.cursor() == last.id)
    }

    @Test func aDeclaredSizeBindsWhenPositiveAndZeroIsRecordedAsUnverified() async throws {
        let harness = try EngineHarness()
        func element(_ number: Int, declared: Int64) -> FakeAltinn.Element {
            FakeAltinn.Element(
                id: String(format: "da7a0000-0000-4000-8000-0000000000%02x", number), filename: "vedlegg-\(number).pdf",
                contentType: "application/pdf", content: Data(repeating: 0x25, count: 100), declaredSize: declared)
        }
        let short = try harness.altinn.addInstance(app: harness.app, elements: [element(1, declared: 101)])
        let unmeasured = try harness.altinn.addInstance(app: harness.app, elements: [element(2, declared: 0)])
        for id in [short, unmeasured] { try harness.altinn.addEvent(app: harness.app, instance: id) }

        let report = await harness.run()

        #expect(report.exitCode == ExitStatus.partial)
        #expect(!harness.isArchived(short))
        #expect(harness.altinn.completes == [unmeasured.description])
        let entry = try #require(try harness.ledger().entries[short.description])
        #expect(entry.lastError.contains("received 100 bytes, but Altinn declares 101"), "\(entry.lastError)")
        let stored = try #require(try harness.manifest(unmeasured).dataElements.first)
        #expect(stored.size == 0 && stored.bytes == 100 && stored.sizeVerified == false)
        #expect(!harness.logs(atLeast: .notice).filter { $0.text.contains("declared 0 bytes") }.isEmpty)
    }

    @Test func badItemsOnAQueryPageHoldUpNothingElse() async throws {
        let harness = try EngineHarness(settings: [#""reconcile": {"enabled": true, "pageSize": 2}"#])
        let first = try harness.altinn.addInstance(app: harness.app)
        let broken = try harness.altinn.addInstance(app: harness.app)
        let nameless = try harness.altinn.addInstance(app: harness.app)
        let last = try harness.altinn.addInstance(app: harness.app)
        harness.altinn.update(broken) { $0.inQuery = .undecodable }
        harness.altinn.update(nameless) { $0.inQuery = .undecodableWithoutID }

        let report = await harness.run()

        // Both pages were read; the item that names its instance was archived from the instance's own
        // document; the one that names none was skipped and said.
        #expect(report.exitCode == ExitStatus.success)
        #expect(harness.altinn.queryPages == 2)
        #expect([first, broken, last].allSatisfy { harness.isArchived($0) })
        #expect(!harness.isArchived(nameless))
        #expect(try harness.ledger().entries.isEmpty)
        #expect(!harness.logs(atLeast: .error).filter { $0.text.contains("names no usable instance") }.isEmpty)
        // It did not see everything, so the next run sweeps again, and finds the instance once it is named.
        #expect(try harness.appState()?.reconciliationRequested == true)
        harness.altinn.update(nameless) { $0.inQuery = .valid }
        let next = await harness.run()
        #expect(next.exitCode == ExitStatus.success)
        #expect(harness.isArchived(nameless))
        #expect(try harness.appState()?.reconciliationRequested == nil)
    }

    @Test func anEventThatDoesNotDecodeIsPassedAndItsInstanceFoundByReconciliation() async throws {
        let harness = try EngineHarness(settings: [#""reconcile": {"enabled": true}"#])
        try harness.changeAppState { $0.lastReconciliation = harness.clock.value }
        var events: [CloudEvent] = []
        var ids: [InstanceID] = []
        for _ in 1...3 {
            let id = try harness.altinn.addInstance(app: harness.app)
            ids.append(id)
            events.append(try harness.altinn.addEvent(app: harness.app, instance: id))
        }
        harness.altinn.breakEvent(events[1].id)

        let report = await harness.run()

        #expect(report.exitCode == ExitStatus.success)
        #expect(ids.allSatisfy { harness.isArchived($0) })
        #expect(try harness.manifest(ids[1]).foundBy == "reconciliation")
        #expect(try harness.cursor() == events[2].id)
        #expect(!harness.warnings(containing: "does not decode").isEmpty)
    }

    @Test func aPageTooLargeToReadIsAskedForAgainWithFewerEvents() async throws {
        let harness = try EngineHarness()
        var last: CloudEvent?
        var ids: [InstanceID] = []
        for _ in 1...10 {
            let id = try harness.altinn.addInstance(app: harness.app)
            ids.append(id)
            last = try harness.altinn.addEvent(app: harness.app, instance: id)
        }
        harness.altinn.limitPageSize(to: 3)

        let report = await harness.run()

        #expect(report.exitCode == ExitStatus.success)
        #expect(ids.allSatisfy { harness.isArchived($0) })
        #expect(try harness.cursor() == last?.id)
        #expect(try harness.appState()?.feedBlocked == nil)
    }

    @Test func anEventWithoutAnIDBlocksTheFeedRightBeforeItAndReconciliationStillRuns() async throws {
        let harness = try EngineHarness(settings: [#""reconcile": {"enabled": true}"#])
        try harness.changeAppState { $0.lastReconciliation = harness.clock.value }
        var events: [CloudEvent] = []
        var ids: [InstanceID] = []
        for _ in 1...3 {
            let id = try harness.altinn.addInstance(app: harness.app)
            ids.append(id)
            events.append(try harness.altinn.addEvent(app: harness.app, instance: id))
        }
        harness.altinn.breakEvent(events[1].id, .undecodableWithoutID)

        let report = await harness.run()

        // Everything before the bad event was read; the rest came through the query.
        #expect(report.exitCode == ExitStatus.partial)
        #expect(report.blockedSources[harness.app.description]?.contains("is blocked") == true)
        #expect(try harness.cursor() == events[0].id)
        let block = try #require(try harness.appState()?.feedBlocked)
        #expect(block.after == events[0].id)
        #expect(ids.allSatisfy { harness.isArchived($0) })
        #expect(try harness.manifest(ids[0]).foundBy == "events")
        #expect(try harness.manifest(ids[2]).foundBy == "reconciliation")

        // status says what it is and what to do.
        let status = try StatusReport(configuration: harness.configuration, staleAfter: .seconds(86400))
        #expect(status.health == "WARNING")
        #expect(
            status.problems.contains { $0.contains("blocked after event \(events[0].id)") && $0.contains("Altinn") })

        // While it lasts, every run reconciles; once the feed reads again, the block is lifted.
        let submitted = try harness.altinn.addInstance(app: harness.app)
        let blocked = await harness.run()
        #expect(blocked.exitCode == ExitStatus.partial)
        #expect(harness.isArchived(submitted))
        harness.altinn.breakEvent(events[1].id, .valid)
        let healed = await harness.run()
        #expect(healed.exitCode == ExitStatus.success)
        #expect(try harness.appState()?.feedBlocked == nil)
        #expect(try harness.cursor() == events[2].id)
    }

    @Test func aFeedThatNeverDecodesIsBlockedNotTemporaryAndTheQueryStillRuns() async throws {
        let harness = try EngineHarness(apps: ["app-a", "app-b"], settings: [#""reconcile": {"enabled": true}"#])
        let lost = try harness.altinn.addInstance(app: harness.apps[0])
        let other = try harness.altinn.addInstance(app: harness.apps[1])
        try harness.altinn.addEvent(app: harness.apps[1], instance: other)
        for app in harness.apps { try harness.changeAppState(app) { $0.lastReconciliation = harness.clock.value } }
        harness.altinn.fail(
            .events(harness.apps[0]),
            with: try #require(throws: AltinnAPIError.self) {
                try AltinnJSON.decode([CloudEvent].self, from: Data("<html>proxy login</html>".utf8))
            })

        let report = await harness.run()

        #expect(report.exitCode == ExitStatus.partial)
        #expect(report.appFailures.isEmpty)
        #expect(harness.isArchived(lost, app: harness.apps[0]))
        #expect(harness.isArchived(other, app: harness.apps[1]))
        #expect(try harness.appState(harness.apps[0])?.feedBlocked?.reason.contains("not valid JSON") == true)
    }
}
