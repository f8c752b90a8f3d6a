import AltinnAPI
import AltinnSync
import Foundation
import Testing

/// Responses no honest Altinn sends must never end with an instance confirmed without its data.
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
}
