import AltinnAPI
import AltinnSync
import Foundation
import Testing

@testable import AltinnSync

/// What the archive's consumers get: one journal entry per archived, confirmed or quarantined instance, the
/// confirmation in the manifest, and the `onArchived` hook, at least once, never before the entry is written.
@Suite struct EngineConsumerTests {
    func journal(_ harness: EngineHarness) throws -> [JournalEntry] {
        try ArchiveJournal.entries(in: harness.layout.journalDirectory, after: 0)
    }

    @Test func everyArchivedInstanceIsJournaledOnceWithItsConfirmationInTheManifest() async throws {
        let harness = try EngineHarness()
        var ids: [InstanceID] = []
        for _ in 1...3 {
            let id = try harness.altinn.addInstance(app: harness.app)
            ids.append(id)
            try harness.altinn.addEvent(app: harness.app, instance: id)
        }

        #expect(await harness.run().exitCode == ExitStatus.success)

        let entries = try journal(harness)
        #expect(entries.map(\.sequence) == [1, 2, 3])
        #expect(Set(entries.map(\.instanceId)) == Set(ids.map(\.description)))
        for entry in entries {
            let id = try InstanceID(entry.instanceId)
            #expect(entry.event == .archived && entry.confirmed)
            #expect(entry.folder == harness.layout.relativeInstanceDirectory(app: harness.app, instance: id))
            let manifest = try harness.manifest(id)
            #expect(manifest.formatVersion == 2)
            #expect(manifest.confirmation?.state == .confirmed)
            #expect(manifest.journalSequence == entry.sequence)
        }

        // A replay of the whole feed changes nothing: each instance is journaled once.
        try harness.changeAppState { $0.cursor = nil }
        #expect(await harness.run().exitCode == ExitStatus.success)
        #expect(try journal(harness).count == 3)
    }

    @Test func aConfirmationThatFailedIsJournaledWhenItIsMadeLater() async throws {
        let harness = try EngineHarness()
        let id = try harness.altinn.addInstance(app: harness.app)
        try harness.altinn.addEvent(app: harness.app, instance: id)
        harness.altinn.fail(.complete(id), with: FakeAltinn.status(503), times: 1)

        #expect(await harness.run().exitCode == ExitStatus.partial)
        var entries = try journal(harness)
        #expect(entries.map(\.event) == [.archived])
        #expect(entries.first?.confirmed == false)
        #expect(try harness.manifest(id).confirmation?.state == .pending)

        harness.clock.value = harness.clock.value.addingTimeInterval(3600)
        #expect(await harness.run().exitCode == ExitStatus.success)
        entries = try journal(harness)
        #expect(entries.map(\.event) == [.archived, .confirmed])
        #expect(entries.last?.confirmed == true)
        #expect(try harness.manifest(id).confirmation?.state == .confirmed)
        #expect(try harness.manifest(id).journalSequence == 2)
    }

    @Test func aFolderArchivedByARunThatStoppedBeforeItsEntryIsJournaledByTheNext() async throws {
        let harness = try EngineHarness()
        let id = try harness.altinn.addInstance(app: harness.app)
        try harness.altinn.addEvent(app: harness.app, instance: id)
        #expect(await harness.run().exitCode == ExitStatus.success)
        // As if the run had stopped between the rename and the journal entry.
        var manifest = try harness.manifest(id)
        manifest.journalSequence = nil
        manifest.confirmation = .init(state: .pending)
        try harness.layout.writeManifestForTest(manifest, app: harness.app, instance: id)
        for segment in ArchiveJournal.segments(in: harness.layout.journalDirectory) {
            try FileManager.default.removeItem(atPath: "\(harness.layout.journalDirectory)/\(segment.name)")
        }
        try harness.changeAppState { $0.cursor = nil }

        #expect(await harness.run().exitCode == ExitStatus.success)

        let entries = try journal(harness)
        #expect(entries.map(\.instanceId) == [id.description])
        #expect(entries.first?.event == .archived && entries.first?.confirmed == true)
        #expect(try harness.manifest(id).journalSequence == entries.first?.sequence)
    }

    @Test func aQuarantinedInstanceIsJournaledWithItsReason() async throws {
        let harness = try EngineHarness()
        let element = FakeAltinn.Element(
            id: "da7a0000-0000-4000-8000-0000000000f1", filename: "faktura.exe",
            contentType: "application/octet-stream",
            content: Data("X5O!".utf8), fileScanResult: .infected)
        let id = try harness.altinn.addInstance(app: harness.app, elements: [element])
        try harness.altinn.addEvent(app: harness.app, instance: id)

        #expect(await harness.run().exitCode == ExitStatus.partial)

        let entry = try #require(try journal(harness).first)
        #expect(entry.event == .quarantined && entry.folder == nil && !entry.confirmed)
        #expect(entry.reason?.contains("infected") == true)
    }
}

extension ArchiveLayout {
    /// Writes `manifest` as an instance's manifest, as a test's stand-in for an earlier run.
    func writeManifestForTest(_ manifest: ArchiveManifest, app: AppID, instance: InstanceID) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(manifest).write(to: URL(fileURLWithPath: manifestPath(app: app, instance: instance)))
    }
}
