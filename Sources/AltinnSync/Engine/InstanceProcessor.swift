import AltinnAPI
import CurlHTTP
import Foundation
import Logging

/// Brings one instance into the archive: fetch, download every data element to staging, verify, commit,
/// and only then confirm.
struct InstanceProcessor: Sendable {
    let gateway: any AltinnGateway
    let archive: ArchiveWriter
    let org: Org
    let source: DownloadSource
    let confirm: Bool
    let waitForPendingScans: Bool
    let dryRun: Bool
    let logger: Logger
    let now: @Sendable () -> Date

    /// The event type that says the end user submitted.
    static let completedEventType = "app.instance.process.completed"

    /// Processes `job`. Throws only ``RunAbort`` and `CancellationError`; everything about the instance itself
    /// is in the outcome.
    func process(_ job: InstanceJob) async throws -> InstanceOutcome {
        var logger = logger
        logger[metadataKey: "instance.id"] = "\(job.instance)"
        logger[metadataKey: "app.id"] = "\(job.app)"
        do {
            return try await run(job, logger: logger)
        } catch let failure as InstanceFailure {
            return .failed(failure)
        } catch let quarantine as QuarantineReason {
            return .quarantined(reason: quarantine.message)
        } catch {
            switch FailureClassifier.classify(error, doing: "instance \(job.instance)") {
            case .instance(let failure): return .failed(failure)
            case .abort(let abort): throw abort
            case .cancelled: throw CancellationError()
            }
        }
    }

    private func run(_ job: InstanceJob, logger: Logger) async throws -> InstanceOutcome {
        if archive.isArchived(app: job.app, instance: job.instance) {
            return try await confirmArchived(job, logger: logger)
        }
        let fetched = try await gateway.instance(app: job.app, id: job.instance, from: source)
        let instance = fetched.instance
        try check(instance, belongsTo: job)
        guard instance.isProcessEnded else {
            if job.events.contains(where: { $0.type.caseInsensitiveCompare(Self.completedEventType) == .orderedSame }) {
                // The event says submitted; the document does not show it yet. Keep it, and look again later.
                throw InstanceFailure(.transient, "a completed event arrived, but process.ended is not set yet")
            }
            logger.debug("process has not ended; nothing to archive yet")
            return .skipped(reason: "process has not ended")
        }
        let (elements, skipped) = try elementsToStore(of: instance, logger: logger)
        let wouldConfirm = confirm && !instance.isConfirmed(by: org)
        if dryRun {
            let declared = elements.reduce(Int64(0)) { $0 + max(0, $1.element.size ?? 0) }
            return .wouldArchive(elements: elements.count, declaredBytes: declared, wouldConfirm: wouldConfirm)
        }

        let staging = try archive.stage(instance: job.instance)
        var stored: [ArchiveManifest.StoredElement] = []
        do {
            for (element, id) in elements {
                stored.append(try await download(element, id: id, job: job, into: staging, logger: logger))
            }
        } catch {
            staging.discard()
            throw error
        }
        let manifest = makeManifest(job: job, instance: instance, stored: stored, skipped: skipped)
        switch try archive.commit(
            staging, app: job.app, instance: job.instance, instanceDocument: fetched.document, manifest: manifest)
        {
        case .committed:
            let bytes = stored.reduce(Int64(0)) { $0 + $1.bytes }
            logger.info(
                "archived instance", metadata: ["instance.elements": "\(stored.count)", "instance.bytes": "\(bytes)"])
            guard wouldConfirm else { return .archived(bytes: bytes, confirmed: false) }
            do {
                try await sendConfirmation(job, logger: logger)
            } catch var failure as InstanceFailure {
                failure.archivedBytes = bytes
                throw failure
            }
            return .archived(bytes: bytes, confirmed: true)
        case .alreadyArchived:
            logger.info("instance was archived meanwhile; kept the existing folder")
            guard wouldConfirm else { return .alreadyArchived(confirmed: false) }
            try await sendConfirmation(job, logger: logger)
            return .alreadyArchived(confirmed: true)
        case .destinationOccupied(let path):
            throw InstanceFailure(
                .permanent,
                "\(path) exists but holds no \(ArchiveFiles.manifest), so it is not a finished instance; it was left "
                    + "untouched. Move it out of the archive, then run altinn-sync retry \(job.instance)")
        }
    }

    /// An archived instance needs only its confirmation, if that is missing.
    private func confirmArchived(_ job: InstanceJob, logger: Logger) async throws -> InstanceOutcome {
        guard confirm else { return .alreadyArchived(confirmed: false) }
        let instance: Instance
        do {
            instance = try await gateway.instance(app: job.app, id: job.instance, from: source).instance
        } catch let error as HTTPError where error.status == 404 || error.status == 410 {
            // Archived, and since deleted at Altinn (after both parties were done with it): nothing left to do.
            logger.info("archived instance no longer exists at Altinn; nothing to confirm")
            return .alreadyArchived(confirmed: false)
        }
        try check(instance, belongsTo: job)
        guard !instance.isConfirmed(by: org), !dryRun else { return .alreadyArchived(confirmed: false) }
        // A run killed between the rename and its fsync leaves a folder whose rename may not survive a power
        // loss: make it durable before confirming.
        try archive.makeDurable(app: job.app, instance: job.instance)
        try await sendConfirmation(job, logger: logger)
        return .alreadyArchived(confirmed: true)
    }

    private func sendConfirmation(_ job: InstanceJob, logger: Logger) async throws {
        let confirmed: Instance
        do {
            confirmed = try await gateway.complete(app: job.app, id: job.instance, via: source)
        } catch let error as HTTPError where error.status == 401 || error.status == 403 {
            throw RunAbort(
                .authentication,
                "Altinn refused to record the confirmation of \(job.instance) (\(error.status ?? 0)). The Maskinporten "
                    + "client needs the scope altinn:serviceowner/instances.write (and the app's own write scope if "
                    + "it declares apiScopes). The instance is archived and will be confirmed once this is fixed.")
        } catch {
            if case .instance(let failure) = FailureClassifier.classify(error, doing: "confirming (complete)") {
                // The files are durable; the next attempt finds them and only confirms.
                throw InstanceFailure(
                    failure.kind, "archived, but \(failure.message)", isServiceTrouble: failure.isServiceTrouble)
            }
            throw error
        }
        guard confirmed.isConfirmed(by: org) else {
            throw InstanceFailure(
                .transient,
                "archived, but Altinn's answer to complete shows no confirmation by \(org); it is sent again later")
        }
        logger.info("confirmed instance")
    }

    /// The instance must be the one asked for, of the app asked for.
    private func check(_ instance: Instance, belongsTo job: InstanceJob) throws {
        let id = try instance.instanceID
        guard id == job.instance else {
            throw InstanceFailure(.permanent, "Altinn returned instance \(id) when asked for \(job.instance)")
        }
        let app = try instance.appID
        guard app == job.app else {
            throw InstanceFailure(.permanent, "instance \(id) belongs to \(app), not \(job.app); not archived")
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
            case .pending where waitForPendingScans:
                throw InstanceFailure(.transient, "data element \(id) is still being scanned for malware (Pending)")
            default:
                store.append((element, id))
            }
        }
        return (store, skipped)
    }

    private func download(
        _ element: DataElement, id: DataElementID, job: InstanceJob, into staging: StagingFolder, logger: Logger
    ) async throws -> ArchiveManifest.StoredElement {
        let name = SafeFileName.dataFileName(
            elementID: id.description, filename: element.filename, contentType: element.contentType)
        let download: HTTPDownload
        do {
            download = try await gateway.download(
                app: job.app, id: job.instance, element: id, from: source, to: staging.dataFile(name))
        } catch {
            switch FailureClassifier.classify(error, doing: "downloading data element \(id)") {
            case .instance(let failure): throw failure
            case .abort(let abort): throw abort
            case .cancelled: throw CancellationError()
            }
        }
        // The declared size is that of the stored bytes; the app API re-serialises form data (elements without
        // a filename), so only Storage's bytes, and the app's binary data, must match it.
        let sizeApplies = source == .storage || element.filename != nil
        if sizeApplies, let declared = element.size, declared > 0, declared != download.byteCount {
            throw InstanceFailure(
                .transient, "data element \(id): received \(download.byteCount) bytes, but Altinn declares \(declared)")
        }
        logger.debug(
            "stored data element",
            metadata: [
                "element.id": "\(id)", "element.bytes": "\(download.byteCount)", "element.sha256": "\(download.sha256)",
            ])
        return ArchiveManifest.StoredElement(
            id: id.description, dataType: element.dataType, contentType: element.contentType,
            filename: element.filename,
            size: element.size, bytes: download.byteCount, sha256: download.sha256,
            fileScanResult: element.fileScanResult?.description, path: "\(ArchiveFiles.data)/\(name)")
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
            archivedAt: ISOTime.string(now()), foundBy: job.route.rawValue,
            downloadedFrom: source.rawValue, events: events,
            dataElements: stored, skippedDataElements: skipped.isEmpty ? nil : skipped)
    }
}

/// An instance that must not be archived or confirmed because of its content.
struct QuarantineReason: Error {
    var message: String
}
