import AltinnAPI
import Foundation

/// Telling the archive's consumers: the journal entry, then its number and the confirmation in the manifest.
extension InstanceProcessor {
    /// The confirmation state of an instance just archived, before this job confirms it.
    func initialConfirmation(of instance: Instance) -> ArchiveManifest.Confirmation {
        let org = context.configuration.org
        if instance.isConfirmed(by: org) { return .init(state: .confirmed, confirmedAt: instance.confirmedOn(by: org)) }
        return .init(state: context.configuration.confirm ? .pending : .notRequested)
    }

    /// Appends the journal entry `event` for `job`'s archived instance, durably, then writes the entry's number
    /// and `confirmation` into the instance's manifest (`manifest` as it stands), so that a consumer can tell
    /// from the folder alone whether Altinn was confirmed, and a later run knows the entry is written. Nothing
    /// in a dry run.
    func announce(
        _ event: JournalEntry.Event, job: InstanceJob, manifest: ArchiveManifest,
        confirmation: ArchiveManifest.Confirmation
    ) async throws {
        guard let journal = context.archiveJournal else { return }
        let layout = context.configuration.layout
        let entries = try await journal.append([
            JournalDraft(
                event: event, app: job.app.description, instanceId: job.instance.description,
                partyId: job.instance.partyID.description, instanceGuid: job.instance.instanceGUID.description,
                folder: layout.relativeInstanceDirectory(app: job.app, instance: job.instance),
                confirmed: confirmation.state == .confirmed, confirmedAt: confirmation.confirmedAt, reason: nil)
        ])
        var updated = manifest
        updated.confirmation = confirmation
        updated.journalSequence = entries.last?.sequence
        let (archive, final) = (context.archive, updated)
        try await context.disk.run { try archive.replaceManifest(final, app: job.app, instance: job.instance) }
    }

    /// Appends the journal entry of a quarantined instance. Nothing in a dry run.
    func announceQuarantine(_ job: InstanceJob, reason: String) async throws {
        guard let journal = context.archiveJournal else { return }
        _ = try await journal.append([
            JournalDraft(
                event: .quarantined, app: job.app.description, instanceId: job.instance.description,
                partyId: job.instance.partyID.description, instanceGuid: job.instance.instanceGUID.description,
                folder: nil, confirmed: false, confirmedAt: nil, reason: reason)
        ])
    }
}
