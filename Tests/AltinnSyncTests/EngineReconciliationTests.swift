import AltinnAPI
import AltinnSync
import Foundation
import Testing

private let day: TimeInterval = 86400

private func date(_ text: String) throws -> Date { try AltinnTimestamp(text).date }

/// The Storage query sweep: when it runs, what it does, and what it leaves alone.
@Suite struct EngineReconciliationTests {
    @Test func theSweepArchivesWhatTheFeedMissedAndLeavesLedgerAndArchiveAlone() async throws {
        let harness = try EngineHarness(settings: [#""reconcile": {"enabled": true, "pageSize": 1}"#])
        let now = try date("2026-03-01T00:00:00Z")
        harness.clock.value = now
        let missed = try harness.altinn.addInstance(app: harness.app)
        let failing = try harness.altinn.addInstance(app: harness.app)
        let archived = try harness.altinn.addInstance(app: harness.app)
        // `failing` waits in the ledger (not due yet); `archived` is in the archive but was never confirmed.
        var ledger = RetryLedger()
        ledger.recordFailure(
            app: harness.app.description, instanceId: failing.description, foundBy: "events", eventIds: [],
            error: "HTTP 503", policy: harness.configuration.retry, now: now)
        try harness.store.save(ledger)
        let folder = harness.instanceFolder(archived)
        try put("{}", at: "\(folder)/manifest.json")
        try put("{}", at: "\(folder)/instance.json")
        let archivedTree = tree(folder)

        let report = await harness.run()

        // One page per instance: the sweep followed `next` to the end.
        #expect(harness.altinn.queryPages == 3)
        #expect(harness.isArchived(missed))
        #expect(try harness.manifest(missed).foundBy == "reconciliation")
        #expect(try harness.manifest(missed).events.isEmpty)
        #expect(!harness.altinn.calls.contains(.instance(failing.description)))
        #expect(!harness.isArchived(failing))
        #expect(tree(folder) == archivedTree)
        #expect(
            !harness.altinn.calls.contains { if case .download(archived.description, _) = $0 { true } else { false } })
        #expect(Set(harness.altinn.completes) == [missed.description, archived.description])
        #expect(report.counts.instancesArchived == 1)
        #expect(report.counts.instancesAlreadyArchived == 1)
        #expect(report.counts.instancesConfirmed == 2)
        // A pending entry that is not due yet does not make the run partial: it did all it could.
        #expect(report.exitCode == ExitStatus.success)
        #expect(report.pendingLedgerEntries == 1)
        let state = try #require(try harness.appState())
        #expect(state.lastReconciliation == now)
        #expect(state.lastReconciliationFound == 3)
    }

    @Test func aFeedReadRecentlyWithAnOldLastEventNeedsNoSweep() async throws {
        let harness = try EngineHarness(reconcile: true)
        let now = try date("2026-04-01T00:00:00Z")
        harness.clock.value = now
        try harness.changeAppState { app in
            app.cursor = "e0e0e0e0-0000-4000-8000-000000000099"
            app.cursorEventTime = "2026-01-01T00:00:00Z"  // the app has been quiet for 90 days
            app.cursorUpdatedAt = try? date("2026-01-01T00:05:00Z")
            app.feedCaughtUpAt = now.addingTimeInterval(-300)  // but cron read the feed 5 minutes ago
            app.lastReconciliation = now.addingTimeInterval(-3600)
        }

        for _ in 1...3 {
            #expect(await harness.run().exitCode == ExitStatus.success)
            harness.clock.value += 300
        }

        #expect(harness.altinn.queryPages == 0)
        #expect(harness.altinn.feedsRead == [harness.app.description])
        #expect(harness.logs(atLeast: .warning).isEmpty)
        #expect(try harness.appState()?.feedCaughtUpAt == now.addingTimeInterval(600))
    }

    @Test func aFeedUnreadForMoreThan80DaysIsSweptOnceWithOneWarning() async throws {
        let harness = try EngineHarness(reconcile: true)
        let now = try date("2026-04-01T00:00:00Z")
        harness.clock.value = now
        try harness.changeAppState { app in
            app.cursor = "e0e0e0e0-0000-4000-8000-000000000099"
            app.cursorEventTime = "2026-01-01T00:00:00Z"
            app.cursorUpdatedAt = now.addingTimeInterval(-81 * day)
            app.feedCaughtUpAt = now.addingTimeInterval(-81 * day)
            app.lastReconciliation = now.addingTimeInterval(-3600)
        }
        // Its event expired unseen: only the sweep can find it.
        let expired = try harness.altinn.addInstance(app: harness.app)

        for _ in 1...3 {
            #expect(await harness.run().exitCode == ExitStatus.success)
            harness.clock.value += 300
        }

        #expect(harness.altinn.queryPages == 1)
        let warnings = harness.logs(atLeast: .warning)
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.contains("last read 81 days ago") == true)
        #expect(warnings.first?.message.contains("a reconciliation sweep will run") == true)
        #expect(harness.isArchived(expired))
        let state = try #require(try harness.appState())
        #expect(state.reconciliationRequested == nil)
        #expect(state.lastReconciliation == now)
    }

    @Test(arguments: [false, true])
    func aFeedResetPromisesOnlyTheSweepThatWillRun(reconcileEnabled: Bool) async throws {
        let harness = try EngineHarness(reconcile: reconcileEnabled)
        let now = try date("2026-03-02T00:00:00Z")
        harness.clock.value = now
        try harness.changeAppState { app in
            app.cursor = "e0e0e0e0-0000-4000-8000-000000000099"  // purged at Altinn: the feed restarts
            app.cursorEventTime = "2026-03-01T00:00:00Z"
            app.cursorUpdatedAt = now.addingTimeInterval(-day)
            app.feedCaughtUpAt = now.addingTimeInterval(-day)
            app.lastReconciliation = now.addingTimeInterval(-3600)
        }
        let old = try harness.altinn.addInstance(app: harness.app, confirmedBy: [FakeAltinn.org])
        try harness.altinn.addEvent(app: harness.app, instance: old, time: "2026-01-05T00:00:00Z")

        let report = await harness.run()

        #expect(report.exitCode == ExitStatus.success)
        let warnings = harness.warnings(containing: "Altinn restarted the feed")
        #expect(warnings.count == 1)
        let message = warnings.first?.message ?? ""
        if reconcileEnabled {
            #expect(message.contains("a reconciliation sweep will run"))
            #expect(harness.altinn.queryPages == 1)
            #expect(try harness.appState()?.reconciliationRequested == nil)
        } else {
            #expect(message.contains("run altinn-sync reconcile"))
            #expect(!message.contains("sweep will run"))
            #expect(harness.altinn.queryPages == 0)
            // Kept for the `reconcile` the warning asks for.
            #expect(try harness.appState()?.reconciliationRequested == true)
        }
    }

    @Test func aSweepBoundedByDateKeepsTheScheduleAndTheRequest() async throws {
        let harness = try EngineHarness(reconcile: true)
        let now = try date("2026-03-01T00:00:00Z")
        let earlier = try date("2026-02-01T00:00:00Z")
        harness.clock.value = now
        try harness.changeAppState { app in
            app.lastReconciliation = earlier
            app.reconciliationRequested = true
        }
        let found = try harness.altinn.addInstance(app: harness.app)
        let from = try AltinnTimestamp("2026-02-15T00:00:00Z")

        let report = await harness.run(RunOptions(reconcile: .always, readEvents: false, reconcileChangedFrom: from))

        #expect(report.exitCode == ExitStatus.success)
        #expect(
            harness.altinn.calls.first
                == .query(app: harness.app.description, changedFrom: from.text, changedBefore: nil))
        #expect(harness.altinn.feedsRead.isEmpty)
        #expect(harness.isArchived(found))
        let state = try #require(try harness.appState())
        #expect(state.lastReconciliation == earlier)
        #expect(state.reconciliationRequested == true)
    }

    @Test func anUnboundedSweepRecordsItselfAndClearsTheRequest() async throws {
        let harness = try EngineHarness(reconcile: true)
        let now = try date("2026-03-01T00:00:00Z")
        harness.clock.value = now
        try harness.changeAppState { app in
            app.lastReconciliation = try? date("2026-02-01T00:00:00Z")
            app.reconciliationRequested = true
        }
        try harness.altinn.addInstance(app: harness.app)

        let report = await harness.run(RunOptions(reconcile: .always, readEvents: false))

        #expect(report.exitCode == ExitStatus.success)
        let state = try #require(try harness.appState())
        #expect(state.lastReconciliation == now)
        #expect(state.lastReconciliationFound == 1)
        #expect(state.reconciliationRequested == nil)
    }
}
