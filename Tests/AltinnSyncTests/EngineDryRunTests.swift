import AltinnAPI
import AltinnSync
import Foundation
import Testing

/// `--dry-run`: fetch and report; write, confirm and move nothing.
@Suite struct EngineDryRunTests {
    @Test func aFirstDryRunWritesNothingAndListsEachInstanceOnce() async throws {
        // No state folder yet, as on a new host: SyncSession.sync creates none in a dry run.
        let harness = try EngineHarness(reconcile: true, prepare: false)
        let one = try harness.altinn.addInstance(app: harness.app)
        let two = try harness.altinn.addInstance(app: harness.app)
        try harness.altinn.addEvent(app: harness.app, instance: one)
        try harness.altinn.addEvent(app: harness.app, instance: two)
        try harness.altinn.addEvent(app: harness.app, instance: one)

        let report = await harness.run(RunOptions(dryRun: true))

        #expect(report.exitCode == ExitStatus.success)
        // The feed named `one` twice and the sweep found both again: each is listed once, in the order found.
        #expect(harness.altinn.queryPages == 1)
        #expect(report.wouldArchive == [one.description, two.description])
        #expect(report.wouldConfirm == [one.description, two.description])
        #expect(report.counts.instancesArchived == 0)
        #expect(harness.altinn.downloads == 0)
        #expect(harness.altinn.completes.isEmpty)
        #expect(tree(harness.folder.path).isEmpty)
    }

    @Test func aDryRunLeavesTheStateArchiveAndCursorAsTheyWere() async throws {
        let harness = try EngineHarness()
        let archived = try harness.altinn.addInstance(app: harness.app)
        let first = try harness.altinn.addEvent(app: harness.app, instance: archived)
        #expect(await harness.run().exitCode == ExitStatus.success)
        let fresh = try harness.altinn.addInstance(app: harness.app)
        try harness.altinn.addEvent(app: harness.app, instance: fresh)
        let stateBefore = try #require(contents(harness.store.statePath))
        let archiveBefore = tree(harness.layout.root)
        let downloadsBefore = harness.altinn.downloads

        let report = await harness.run(RunOptions(dryRun: true))

        #expect(report.wouldArchive == [fresh.description])
        #expect(contents(harness.store.statePath) == stateBefore)
        #expect(try harness.cursor() == first.id)
        #expect(!FileManager.default.fileExists(atPath: harness.store.ledgerPath))
        #expect(tree(harness.layout.root) == archiveBefore)
        #expect(harness.altinn.downloads == downloadsBefore)
        #expect(harness.altinn.completes == [archived.description])
    }
}
