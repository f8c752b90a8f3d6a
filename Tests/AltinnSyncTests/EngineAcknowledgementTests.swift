import AltinnAPI
import Foundation
import Testing

@testable import AltinnSync

/// A run leaves an instance a person acknowledged as handled alone, whoever names it.
@Suite struct EngineAcknowledgementTests {
    func acknowledgedInfectedInstance(_ harness: EngineHarness) throws -> InstanceID {
        let id = try harness.altinn.addInstance(
            app: harness.app,
            elements: [
                FakeAltinn.Element(
                    id: "da7a0000-0000-4000-8000-00000000000c", content: Data("MZ".utf8), fileScanResult: .infected)
            ])
        var ledger = RetryLedger()
        ledger.recordFailure(
            app: harness.app.description, instanceId: id.description, foundBy: "events", eventIds: [],
            error: "infected", quarantine: true, policy: .init(), now: Date())
        _ = ledger.acknowledge(instanceIds: [id.description], note: "handled", now: Date())
        try harness.store.save(ledger)
        return id
    }

    @Test func aReplayedEventPassesItWithoutAJobOrAReport() async throws {
        let harness = try EngineHarness()
        let id = try acknowledgedInfectedInstance(harness)
        let event = try harness.altinn.addEvent(app: harness.app, instance: id)

        let report = await harness.run()

        #expect(report.exitCode == ExitStatus.success)
        #expect(report.quarantined.isEmpty)
        #expect(report.stuckLedgerEntries == 0)
        #expect(harness.altinn.instanceFetches == 0, "no job")
        #expect(try harness.cursor() == event.id, "the cursor passes it: it is in the ledger")
        #expect(try harness.ledger().isAcknowledged(id.description))
        #expect(harness.logs(atLeast: .warning).isEmpty, "\(harness.logs(atLeast: .warning).map(\.text))")
    }

    @Test func reconciliationFindsItAndLeavesItAcknowledged() async throws {
        let harness = try EngineHarness(reconcile: true)
        let id = try acknowledgedInfectedInstance(harness)

        let report = await harness.run(RunOptions(reconcile: .always))

        #expect(report.exitCode == ExitStatus.success)
        #expect(try harness.appState()?.lastReconciliationFound == 1, "the sweep found it")
        #expect(harness.altinn.instanceFetches == 0)
        #expect(try harness.ledger().isAcknowledged(id.description))
        #expect(harness.logs(atLeast: .warning).isEmpty, "\(harness.logs(atLeast: .warning).map(\.text))")
    }
}
