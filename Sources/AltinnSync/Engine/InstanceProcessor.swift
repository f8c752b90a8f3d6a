import AltinnAPI
import CurlHTTP
import Logging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Brings one instance into the archive, straight through: fetch the document, download every data element
/// side by side into a staging folder, verify, commit (fsync and rename), and only then confirm.
struct InstanceProcessor: Sendable {
    let context: RunContext

    /// The event type that says the end user submitted.
    static let completedEventType = "app.instance.process.completed"

    /// Processes `job`. Never throws: every failure is decided by ``Verdict`` and ends in the result.
    func process(_ job: InstanceJob) async -> JobResult {
        var logger = context.logger
        logger[metadataKey: "instance.id"] = "\(job.instance)"
        logger[metadataKey: "app.id"] = "\(job.app)"
        do {
            if context.archive.isArchived(app: job.app, instance: job.instance) {
                return .outcome(try await confirmArchived(job, logger: logger))
            }
            return .outcome(try await archive(job, logger: logger))
        } catch let quarantine as QuarantineReason {
            do {
                try await announceQuarantine(job, reason: quarantine.message)
            } catch {
                return JobResult(error)
            }
            return .outcome(.quarantined(reason: quarantine.message))
        } catch is JobNotStarted {
            context.updateReport { $0.stoppedAtDeadline = true }
            return .cancelled
        } catch {
            return JobResult(error)
        }
    }

    private var configuration: SyncConfiguration { context.configuration }
    private var source: DownloadSource { configuration.downloadFrom }

    private func archive(_ job: InstanceJob, logger: Logger) async throws -> InstanceOutcome {
        let fetched = try await context.firstRequest(for: job) {
            try await context.gateway.instance(app: job.app, id: job.instance, from: source)
        }
        let instance = fetched.instance
        try check(instance, belongsTo: job)
        guard instance.isProcessEnded else {
            if job.events.contains(where: { $0.type.lowercased() == Self.completedEventType.lowercased() }) {
                // The event says submitted; the document does not show it yet. Keep it, and look again later.
                throw InstanceFailure("a completed event arrived, but process.ended is not set yet")
            }
            logger.debug("process has not ended; nothing to archive yet")
            return .skipped(reason: "process has not ended")
        }
        let (elements, skipped) = try elementsToStore(of: instance, logger: logger)
        let confirm = configuration.confirm && !instance.isConfirmed(by: configuration.org)
        if context.options.dryRun {
            let declared = elements.reduce(Int64(0)) { $0 + max(0, $1.element.size ?? 0) }
            return .wouldArchive(elements: elements.count, declaredBytes: declared, wouldConfirm: confirm)
        }

        let archive = context.archive
        let staging = try await context.disk.run { try archive.stage(instance: job.instance) }
        let stored: [ArchiveManifest.StoredElement]
        do {
            stored = try await withThrowingTaskGroup(of: (Int, ArchiveManifest.StoredElement).self) { group in
                for (index, element) in elements.enumerated() {
                    group.addTask {
                        (index, try await download(element.element, id: element.id, job: job, into: staging))
                    }
                }
                var stored = [ArchiveManifest.StoredElement?](repeating: nil, count: elements.count)
                for try await (index, element) in group { stored[index] = element }
                return stored.compactMap { $0 }
            }
        } catch {
            staging.discard()
            throw error
        }
        let manifest = makeManifest(job: job, instance: instance, stored: stored, skipped: skipped)
        let document = fetched.document
        let committed = try await context.disk.run {
            try archive.commit(
                staging, app: job.app, instance: job.instance, instanceDocument: document, manifest: manifest)
        }
        switch committed {
        case .committed:
            let bytes = stored.reduce(Int64(0)) { $0 + $1.bytes }
            logger.debug(
                "archived instance", metadata: ["instance.elements": "\(stored.count)", "instance.bytes": "\(bytes)"])
            let before = initialConfirmation(of: instance)
            guard confirm else {
                try await announce(.archived, job: job, manifest: manifest, confirmation: before)
                return .archived(bytes: bytes, confirmed: false)
            }
            let confirmedAt: String?
            do {
                confirmedAt = try await sendConfirmation(job, logger: logger)
            } catch {
                // The folder is in place: consumers learn of it now, and of the confirmation when it is made.
                try? await announce(.archived, job: job, manifest: manifest, confirmation: before)
                throw ArchivedButUnconfirmed(bytes: bytes, cause: error)
            }
            try await announce(
                .archived, job: job, manifest: manifest,
                confirmation: .init(state: .confirmed, confirmedAt: confirmedAt))
            return .archived(bytes: bytes, confirmed: true)
        case .alreadyArchived:
            logger.info("instance was archived meanwhile; kept the existing folder")
            return try await confirmArchived(job, instance: instance, logger: logger)
        case .destinationOccupied(let path):
            throw InstanceFailure(
                "\(path) exists but holds no \(ArchiveFiles.manifest), so it is not a finished instance; it was left "
                    + "untouched. Move it out of the archive, then run altinn-sync retry \(job.instance)")
        }
    }

    /// An archived instance needs only its confirmation, if that is missing, and its journal entry, if a run
    /// stopped before writing it. `instance` is its document when already fetched.
    private func confirmArchived(
        _ job: InstanceJob, instance known: Instance? = nil, logger: Logger
    ) async throws -> InstanceOutcome {
        let archive = context.archive
        let manifest = try await context.disk.run { archive.manifest(app: job.app, instance: job.instance) }
        if manifest == nil {
            logger.warning(
                "the archived folder's manifest cannot be read, so it is left as it is and not journaled",
                metadata: [
                    "instance.folder": "\(archive.layout.instanceDirectory(app: job.app, instance: job.instance))"
                ])
        }
        let unannounced = manifest?.journalSequence == nil && manifest != nil && !context.options.dryRun
        guard configuration.confirm else {
            if unannounced, let manifest {
                try await announce(.archived, job: job, manifest: manifest, confirmation: .init(state: .notRequested))
            }
            return .alreadyArchived(confirmed: false)
        }
        let instance: Instance
        if let known {
            instance = known
        } else {
            do {
                instance = try await context.firstRequest(for: job) {
                    try await context.gateway.instance(app: job.app, id: job.instance, from: source).instance
                }
            } catch let error as AltinnError where error.failure == .notFound {
                // Archived, and since deleted at Altinn (after both parties were done with it): nothing to confirm.
                logger.info("archived instance no longer exists at Altinn; nothing to confirm")
                if unannounced, let manifest {
                    try await announce(.archived, job: job, manifest: manifest, confirmation: .init(state: .pending))
                }
                return .alreadyArchived(confirmed: false)
            }
            try check(instance, belongsTo: job)
        }
        guard !instance.isConfirmed(by: configuration.org), !context.options.dryRun else {
            if unannounced, let manifest {
                try await announce(
                    .archived, job: job, manifest: manifest, confirmation: initialConfirmation(of: instance))
            }
            return .alreadyArchived(confirmed: false)
        }
        // A run killed between the rename and its fsync leaves a folder whose rename may not survive a power
        // loss: make it durable before confirming.
        try await context.disk.run { try archive.makeDurable(app: job.app, instance: job.instance) }
        let confirmedAt = try await sendConfirmation(job, logger: logger)
        if let manifest {
            try await announce(
                unannounced ? .archived : .confirmed, job: job, manifest: manifest,
                confirmation: .init(state: .confirmed, confirmedAt: confirmedAt))
        }
        return .alreadyArchived(confirmed: true)
    }

    /// Confirms the instance and returns when Altinn recorded it, as Altinn wrote it.
    private func sendConfirmation(_ job: InstanceJob, logger: Logger) async throws -> String? {
        let confirmed = try await context.request(for: job, .confirm) {
            try await context.gateway.complete(app: job.app, id: job.instance, via: source)
        }
        guard confirmed.isConfirmed(by: configuration.org) else {
            throw InstanceFailure(
                "Altinn's answer to complete shows no confirmation by \(configuration.org); it is sent again later")
        }
        logger.debug("confirmed instance")
        return confirmed.confirmedOn(by: configuration.org)
    }

    /// The instance must be the one asked for, of the app asked for.
    private func check(_ instance: Instance, belongsTo job: InstanceJob) throws {
        let id = try instance.instanceID
        guard id == job.instance else {
            throw InstanceFailure("Altinn returned instance \(id) when asked for \(job.instance)")
        }
        let app = try instance.appID
        guard app == job.app else {
            throw InstanceFailure("instance \(id) belongs to \(app), not \(job.app); not archived")
        }
    }

    /// The data elements to download and those skipped, or a reason not to archive the instance now.
    private func elementsToStore(
        of instance: Instance, logger: Logger
    ) throws -> (store: [(element: DataElement, id: DataElementID)], skipped: [ArchiveManifest.SkippedElement]) {
        var store: [(DataElement, DataElementID)] = []
        var skipped: [ArchiveManifest.SkippedElement] = []
        for element in instance.data {
            let id = try element.dataElementID
            if element.isHardDeleted {
                logger.notice("skipping a hard-deleted data element", metadata: ["element.id": "\(id)"])
                skipped.append(.init(id: id.description, reason: "hard-deleted at Altinn"))
                continue
            }
            switch element.fileScanResult {
            case .infected:
                throw QuarantineReason(message: "data element \(id) is infected (fileScanResult Infected)")
            case .pending where configuration.waitForPendingScans:
                throw InstanceFailure("data element \(id) is still being scanned for malware (Pending)")
            default:
                store.append((element, id))
            }
        }
        return (store, skipped)
    }

    private func download(
        _ element: DataElement, id: DataElementID, job: InstanceJob, into staging: StagingFolder
    ) async throws -> ArchiveManifest.StoredElement {
        let name = SafeFileName.dataFileName(
            elementID: id.description, filename: element.filename, contentType: element.contentType)
        let download = try await context.request(for: job, .download) {
            try await context.gateway.download(
                app: job.app, id: job.instance, element: id, from: source, to: staging.dataFile(name))
        }
        let sizeBinds = element.declaredSizeBinds(downloadingFrom: source)
        if sizeBinds, let declared = element.size, declared != download.byteCount {
            throw InstanceFailure(
                "data element \(id): received \(download.byteCount) bytes, but Altinn declares \(declared)")
        }
        if element.size == 0 && download.byteCount > 0 {
            context.logger.notice(
                """
                data element declared 0 bytes (Altinn's size for one it never measured) came with bytes; stored, \
                and recorded in the manifest as not size-verified
                """,
                metadata: [
                    "instance.id": "\(job.instance)", "element.id": "\(id)", "element.bytes": "\(download.byteCount)",
                ])
        }
        context.logger.debug(
            "stored data element",
            metadata: [
                "instance.id": "\(job.instance)", "element.id": "\(id)", "element.bytes": "\(download.byteCount)",
                "element.sha256": "\(download.sha256)",
            ])
        return ArchiveManifest.StoredElement(
            id: id.description, dataType: element.dataType, contentType: element.contentType,
            filename: element.filename, size: element.size, bytes: download.byteCount, sizeVerified: sizeBinds,
            sha256: download.sha256, fileScanResult: element.fileScanResult?.description,
            path: "\(ArchiveFiles.data)/\(name)")
    }

    private func makeManifest(
        job: InstanceJob, instance: Instance, stored: [ArchiveManifest.StoredElement],
        skipped: [ArchiveManifest.SkippedElement]
    ) -> ArchiveManifest {
        var events = job.events.map { ArchiveManifest.EventReference(id: $0.id, type: $0.type, time: $0.time?.text) }
        for id in job.earlierEventIds where !events.contains(where: { $0.id == id }) {
            events.append(ArchiveManifest.EventReference(id: id, type: nil, time: nil))
        }
        return ArchiveManifest(
            toolVersion: AltinnSyncVersion.current, org: job.app.org.description, appId: job.app.description,
            instanceId: job.instance.description, partyId: job.instance.partyID.description,
            instanceGuid: job.instance.instanceGUID.description, processEnded: instance.process?.ended?.text,
            archivedAt: ISOTime.string(context.now()), foundBy: job.route.rawValue,
            downloadedFrom: source.rawValue, events: events,
            dataElements: stored, skippedDataElements: skipped.isEmpty ? nil : skipped)
    }
}

/// An instance that must not be archived or confirmed because of its content.
struct QuarantineReason: Error {
    var message: String
}

/// The instance is archived (its files are durable), but confirming it failed with `cause`.
struct ArchivedButUnconfirmed: Error {
    var bytes: Int64
    var cause: any Error
}
