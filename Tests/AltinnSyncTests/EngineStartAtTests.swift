import AltinnAPI
import AltinnSync
import Foundation
import Testing

/// `startAt`: a first run that starts now (or at a moment) leaves older submissions alone, on this run and on
/// later ones; an app that already has a cursor keeps it.
@Suite struct EngineStartAtTests {
    static let now = "2026-03-01T12:00:00Z"

    func harness(startAt: String = "now") throws -> EngineHarness {
        let harness = try EngineHarness(
            settings: [#""startAt": "\#(startAt)""#, #""reconcile": {"enabled": true}"#])
        harness.clock.value = try AltinnTimestamp(Self.now).date
        return harness
    }

    @Test func aFirstRunThatStartsNowSkipsOlderEventsAndBoundsReconciliation() async throws {
        let harness = try harness()
        let old = try harness.altinn.addInstance(app: harness.app)
        try harness.altinn.addEvent(app: harness.app, instance: old, time: "2026-02-01T00:00:00Z")
        // Within the minute Events is asked for early (its `from` is compared as text): passed, not archived.
        let justBefore = try harness.altinn.addInstance(app: harness.app)
        let skipped = try harness.altinn.addEvent(app: harness.app, instance: justBefore, time: "2026-03-01T11:59:30Z")
        let new = try harness.altinn.addInstance(app: harness.app)
        let last = try harness.altinn.addEvent(app: harness.app, instance: new, time: "2026-03-01T12:00:05Z")

        let report = await harness.run(RunOptions(reconcile: .never))

        #expect(report.exitCode == ExitStatus.success)
        #expect(
            harness.altinn.calls.contains(
                .events(app: harness.app.description, after: "from 2026-03-01T11:59:00.0000000Z")))
        #expect(harness.isArchived(new))
        #expect(!harness.isArchived(old) && !harness.isArchived(justBefore))
        #expect(!harness.altinn.calls.contains(.instance(justBefore.description)))
        #expect(try harness.cursor() == last.id)
        #expect(try harness.appState()?.startAt == harness.clock.value)
        _ = skipped

        // Later sweeps stay bounded by where the app started (Storage filters on lastChanged).
        harness.clock.value = harness.clock.value.addingTimeInterval(86400)
        _ = await harness.run(RunOptions(reconcile: .always))
        let queries = harness.altinn.calls.compactMap { call -> String? in
            if case .query(_, let changedFrom, _) = call { return changedFrom ?? "unbounded" } else { return nil }
        }
        #expect(queries.map { try? AltinnTimestamp($0).date } == [try AltinnTimestamp(Self.now).date])
    }

    @Test func theBeginningLosesNothing() async throws {
        let harness = try harness(startAt: "beginning")
        let old = try harness.altinn.addInstance(app: harness.app)
        try harness.altinn.addEvent(app: harness.app, instance: old, time: "2025-12-01T00:00:00Z")

        #expect(await harness.run().exitCode == ExitStatus.success)

        #expect(harness.isArchived(old))
        #expect(try harness.appState()?.startAt == nil)
        #expect(harness.altinn.calls.contains(.events(app: harness.app.description, after: "0")))
    }

    @Test func anAppWithACursorKeepsItWhateverTheStart() async throws {
        let harness = try harness()
        let id = try harness.altinn.addInstance(app: harness.app)
        let first = try harness.altinn.addEvent(app: harness.app, instance: id, time: "2026-01-01T00:00:00Z")
        try harness.changeAppState { $0.cursor = "e0e0e0e0-0000-4000-8000-000000000000" }
        _ = first

        #expect(await harness.run(RunOptions(startAt: .now)).exitCode == ExitStatus.success)

        #expect(harness.isArchived(id), "an unknown cursor reads from the oldest event, as Altinn does")
        #expect(try harness.appState()?.startAt == nil)
        #expect(!harness.logs(atLeast: .notice).filter { $0.message.contains("applies to a first run only") }.isEmpty)
    }
}
