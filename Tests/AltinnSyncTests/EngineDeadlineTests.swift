import AltinnAPI
import AltinnSync
import Foundation
import Testing

/// `--max-duration`: no new work is started after it, and a run that left work undone exits 10.
///
/// A call the test names moves the run's clock past the limit, so the deadline passes exactly there however
/// loaded the machine is.
@Suite struct EngineDeadlineTests {
    static let limit = Duration.seconds(600)

    /// Makes the deadline pass while `operation`'s call is under way.
    func passTheDeadline(_ harness: EngineHarness, during operation: FakeAltinn.Operation) {
        let elapsed = harness.elapsed
        harness.altinn.on(operation, times: 1) { elapsed.value = Self.limit + .seconds(1) }
    }

    @Test func theDeadlinePassingDuringDueRetriesSkipsTheFeedAndExits10() async throws {
        let harness = try EngineHarness()
        let retried = try harness.altinn.addInstance(app: harness.app)
        var ledger = RetryLedger()
        ledger.recordFailure(
            app: harness.app.description, instanceId: retried.description, foundBy: "events", eventIds: [],
            error: "HTTP 503", policy: RetryLedger.Policy(initialDelay: .zero),
            now: harness.clock.value.addingTimeInterval(-60))
        try harness.store.save(ledger)
        passTheDeadline(harness, during: .instance(retried))
        let waiting = try harness.altinn.addInstance(app: harness.app)
        try harness.altinn.addEvent(app: harness.app, instance: waiting)

        let report = await harness.run(RunOptions(maxDuration: Self.limit))

        #expect(report.exitCode == ExitStatus.stoppedAtDeadline)
        #expect(report.stoppedAtDeadline)
        // The retry that was under way finished and was recorded; the feed was not read.
        #expect(harness.isArchived(retried))
        #expect(try harness.ledger().entries.isEmpty)
        #expect(harness.altinn.feedsRead.isEmpty)
        #expect(report.counts.eventsSeen == 0)
        #expect(!harness.isArchived(waiting))
    }

    @Test func aPageArrivingAfterTheDeadlineStartsNoWorkAndExits10() async throws {
        let harness = try EngineHarness(apps: ["app-a", "app-b"])
        let (altinn, elapsed, appA) = (harness.altinn, harness.elapsed, harness.apps[0].description)
        harness.altinn.on(.events(harness.apps[1]), times: 1) {
            // app-a reads its (empty) feed first; app-b's page then comes back after the deadline.
            for _ in 0..<2000 where !altinn.feedsRead.contains(appA) { try await Task.sleep(for: .milliseconds(5)) }
            try await Task.sleep(for: .milliseconds(50))
            elapsed.value = Self.limit + .seconds(1)
        }
        let waiting = try harness.altinn.addInstance(app: harness.apps[1])
        try harness.altinn.addEvent(app: harness.apps[1], instance: waiting)

        let report = await harness.run(RunOptions(maxDuration: Self.limit))

        #expect(report.exitCode == ExitStatus.stoppedAtDeadline)
        // app-a caught up at once (its feed is empty); app-b's page came too late to start its instance.
        #expect(try harness.appState(harness.apps[0])?.feedCaughtUpAt != nil)
        #expect(harness.altinn.instanceFetches == 0)
        #expect(!harness.isArchived(waiting, app: harness.apps[1]))
        #expect(try harness.cursor(harness.apps[1]) == nil)
    }

    @Test func theDeadlinePassingMidPageLeavesTheCursorAtTheLastFinishedEvent() async throws {
        let harness = try EngineHarness(concurrency: 1)
        var ids: [InstanceID] = []
        var events: [CloudEvent] = []
        for _ in 1...3 {
            let id = try harness.altinn.addInstance(app: harness.app)
            ids.append(id)
            events.append(try harness.altinn.addEvent(app: harness.app, instance: id))
        }
        // Jobs reach the gate in no fixed order: the deadline passes during whichever instance is read first.
        passTheDeadline(harness, during: .instance(nil))

        let report = await harness.run(RunOptions(maxDuration: Self.limit))

        #expect(report.exitCode == ExitStatus.stoppedAtDeadline)
        let read = ids.indices.filter { harness.altinn.calls.contains(.instance(ids[$0].description)) }
        try #require(read.count == 1, "no instance starts after the deadline")
        #expect(harness.isArchived(ids[read[0]]))
        // The cursor passes the first event only when its instance was the one that finished.
        #expect(try harness.cursor() == (read[0] == 0 ? events[0].id : nil))
        #expect(try harness.ledger().entries.isEmpty)

        // The next run, without a limit, goes on from there.
        let next = await harness.run()

        #expect(next.exitCode == ExitStatus.success)
        #expect(next.counts.eventsSeen == (read[0] == 0 ? 2 : 3))
        #expect(ids.allSatisfy { harness.isArchived($0) })
        #expect(try harness.cursor() == events[2].id)
    }
}
