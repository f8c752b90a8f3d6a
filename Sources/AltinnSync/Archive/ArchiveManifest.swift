/// `manifest.json`: what was stored for one instance, how it was verified, and whether Altinn was confirmed
/// (the consumers' contract: docs/consumers.md and docs/manifest.schema.json).
public struct ArchiveManifest: Codable, Sendable, Equatable {
    /// The format written now: 2 added `sizeVerified`, `confirmation` and `journalSequence`.
    public static let currentFormatVersion = 2

    /// Whether Altinn has this org's confirmation (`complete`) of the instance.
    public struct Confirmation: Codable, Sendable, Equatable {
        /// The state of the confirmation.
        public enum State: String, Codable, Sendable {
            /// Altinn recorded it; `confirmedAt` says when.
            case confirmed
            /// altinn-sync will confirm the instance: it was archived and the confirmation is under way, or failed
            /// and is retried (the retry ledger says why).
            case pending
            /// Confirming is off in the configuration (`confirm: false`).
            case notRequested
        }

        /// The state.
        public var state: State
        /// When Altinn recorded the confirmation, as Altinn wrote it.
        public var confirmedAt: String?

        /// Creates a confirmation state.
        public init(state: State, confirmedAt: String? = nil) {
            self.state = state
            self.confirmedAt = confirmedAt
        }
    }

    /// One stored data element.
    public struct StoredElement: Codable, Sendable, Equatable {
        /// The data element id.
        public var id: String
        /// The element's data type, e.g. `ref-data-as-pdf`.
        public var dataType: String?
        /// The content type Altinn gave.
        public var contentType: String?
        /// The original filename, unmodified (the stored name is sanitised).
        public var filename: String?
        /// The size Altinn declared, when it declared one.
        public var size: Int64?
        /// The bytes stored.
        public var bytes: Int64
        /// Whether `bytes` was checked against a binding declared `size` (see README, The archive); false when
        /// Altinn's size does not bind (none declared, generated on request, form data from the app API).
        /// Absent in manifests written before it was recorded.
        public var sizeVerified: Bool?
        /// SHA-256 of the stored bytes, lowercase hex.
        public var sha256: String
        /// Altinn's malware scan result when downloaded.
        public var fileScanResult: String?
        /// The stored file, relative to the instance folder, e.g. `data/<id>-receipt.pdf`.
        public var path: String
    }

    /// One event that led to this instance.
    public struct EventReference: Codable, Sendable, Equatable {
        /// The event id.
        public var id: String
        /// The event type (unknown for events remembered by the retry ledger).
        public var type: String?
        /// The event time as Altinn wrote it.
        public var time: String?
    }

    /// The manifest format (``currentFormatVersion`` when written by this version).
    public var formatVersion: Int = ArchiveManifest.currentFormatVersion
    /// `altinn-sync`.
    public var tool: String = "altinn-sync"
    /// The tool version that wrote the manifest.
    public var toolVersion: String
    /// The org that owns the app.
    public var org: String
    /// `{org}/{app}`.
    public var appId: String
    /// `{partyId}/{instanceGuid}`.
    public var instanceId: String
    /// The instance owner's party id.
    public var partyId: String
    /// The instance GUID.
    public var instanceGuid: String
    /// When the instance's process ended, as Altinn wrote it.
    public var processEnded: String?
    /// When the archive folder was written (UTC, ISO 8601).
    public var archivedAt: String
    /// How the instance was found: `events`, `reconciliation` or `retry`.
    public var foundBy: String
    /// Which API the document and data came from: `storage` (the stored bytes) or `app` (form data
    /// re-serialised by the app). Absent in manifests written before it was recorded.
    public var downloadedFrom: String?
    /// The events seen for the instance (empty when found by reconciliation).
    public var events: [EventReference]
    /// The stored data elements.
    public var dataElements: [StoredElement]
    /// Data elements of the instance that were not stored, with the reason (e.g. hard-deleted).
    public var skippedDataElements: [SkippedElement]?
    /// Whether Altinn has this org's confirmation; absent in manifests of format 1.
    public var confirmation: Confirmation?
    /// The number of the archive journal's entry that last recorded this instance; absent until that entry is
    /// written (and in manifests of format 1).
    public var journalSequence: UInt64?

    /// A data element that was not stored.
    public struct SkippedElement: Codable, Sendable, Equatable {
        /// The data element id.
        public var id: String
        /// Why it was not stored.
        public var reason: String
    }
}
