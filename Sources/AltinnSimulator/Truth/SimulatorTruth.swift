/// What the simulator holds, for checking a client's archive against: every instance with its data
/// elements' sizes and SHA-256 digests. These describe the stored bytes, which Storage serves; the app API
/// serves form data re-serialised, with other bytes.
public struct SimulatorTruth: Sendable, Hashable, Codable {
    /// The service owner.
    public var org: String
    /// The apps, `"{org}/{app}"`.
    public var apps: [String]
    /// Every instance, in creation order.
    public var instances: [TruthInstance]

    /// Creates a truth.
    public init(org: String, apps: [String], instances: [TruthInstance]) {
        self.org = org
        self.apps = apps
        self.instances = instances
    }

    /// The instance with `guid`.
    public func instance(_ guid: String) -> TruthInstance? {
        instances.first { $0.guid == guid }
    }
}

/// One instance in ``SimulatorTruth``.
public struct TruthInstance: Sendable, Hashable, Codable {
    /// The org.
    public var org: String
    /// The app name (without org).
    public var app: String
    /// The owner's party id.
    public var partyId: String
    /// The instance GUID.
    public var guid: String
    /// Whether the process has ended.
    public var completed: Bool
    /// Whether its `completed` event was lost (only the instance query finds it).
    public var eventLost: Bool
    /// Whether the org has confirmed completion.
    public var confirmed: Bool
    /// Its data elements.
    public var dataElements: [TruthDataElement]
    /// Its events the Events API still holds (purged ones are gone), in sequence order, visible or not yet.
    public var events: [TruthEvent]

    /// `{partyId}/{guid}`.
    public var instanceID: String { "\(partyId)/\(guid)" }

    /// Creates an instance record.
    public init(
        org: String, app: String, partyId: String, guid: String, completed: Bool, eventLost: Bool, confirmed: Bool,
        dataElements: [TruthDataElement], events: [TruthEvent] = []
    ) {
        self.org = org
        self.app = app
        self.partyId = partyId
        self.guid = guid
        self.completed = completed
        self.eventLost = eventLost
        self.confirmed = confirmed
        self.dataElements = dataElements
        self.events = events
    }
}

/// One event in ``TruthInstance``.
public struct TruthEvent: Sendable, Hashable, Codable {
    /// The event id.
    public var id: String
    /// The event type, e.g. `app.instance.process.completed`.
    public var type: String

    /// Creates an event record.
    public init(id: String, type: String) {
        self.id = id
        self.type = type
    }
}

/// One data element in ``TruthInstance``.
public struct TruthDataElement: Sendable, Hashable, Codable {
    /// The element id.
    public var id: String
    /// The data type, e.g. `model`.
    public var dataType: String
    /// The original file name, nil for form data.
    public var filename: String?
    /// The media type.
    public var contentType: String
    /// The byte count of the stored bytes (what Storage serves), even when the document leaves `size` out.
    public var size: Int64
    /// The SHA-256 of the stored bytes, lowercase hex.
    public var sha256: String
    /// The scan result, e.g. `Clean`.
    public var fileScanResult: String
    /// Whether the element is hard-deleted (`deleteStatus.isHardDeleted`); Storage still serves it to the owner.
    public var isHardDeleted: Bool

    /// Creates an element record.
    public init(
        id: String, dataType: String, filename: String?, contentType: String, size: Int64, sha256: String,
        fileScanResult: String, isHardDeleted: Bool = false
    ) {
        self.id = id
        self.dataType = dataType
        self.filename = filename
        self.contentType = contentType
        self.size = size
        self.sha256 = sha256
        self.fileScanResult = fileScanResult
        self.isHardDeleted = isHardDeleted
    }
}
