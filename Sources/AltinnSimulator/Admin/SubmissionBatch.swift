/// Instances to add while the simulator runs: the body of `POST /_sim/instances`, one arrival of
/// `--arrivals`, or the argument of ``AltinnSimulator/addSubmissions(_:)``.
///
/// Every instance is made by the seeded factory, as seeded data is: an owner, a form, attachments, and for a
/// completed one the receipt, with their events registered now (the visibility lag applies).
public struct SubmissionBatch: Sendable, Hashable {
    /// How many instances, 1...``maxCount``.
    public var count: Int
    /// The app, `"{org}/{app}"` or just `"{app}"`; nil for the first app.
    public var app: String?
    /// Whether the process has ended (a submission); false leaves the instance in progress.
    public var completed: Bool
    /// Whether the `completed` event is lost (only the instance query finds the instance).
    public var eventLost: Bool
    /// Whether the `completed` event is registered twice, under two ids.
    public var duplicateEvent: Bool
    /// The data elements besides the form (and the receipt of a completed instance); nil for 0-2
    /// attachments as seeded.
    public var dataElements: [SubmissionElement]?
    /// The seed of these instances alone: the same batch with the same seed makes the same GUIDs, bytes and
    /// events. Nil to continue the simulator's own generator.
    public var seed: UInt64?

    /// The most instances one batch may add.
    public static let maxCount = 1000
    /// The most data elements one instance may be given.
    public static let maxDataElements = 20

    /// Creates a batch; by default one completed instance of the first app, with its events.
    public init(
        count: Int = 1, app: String? = nil, completed: Bool = true, eventLost: Bool = false,
        duplicateEvent: Bool = false, dataElements: [SubmissionElement]? = nil, seed: UInt64? = nil
    ) {
        self.count = count
        self.app = app
        self.completed = completed
        self.eventLost = eventLost
        self.duplicateEvent = duplicateEvent
        self.dataElements = dataElements
        self.seed = seed
    }

    /// The app this batch adds to, `"{org}/{app}"`, among `apps`; throws saying what to write instead.
    func resolvedApp(among apps: [String]) throws(AdminRequestError) -> String {
        guard let app else {
            guard let first = apps.first else { throw AdminRequestError("the simulator serves no app", expected: "") }
            return first
        }
        if let match = apps.first(where: { $0 == app || $0.split(separator: "/").last.map(String.init) == app }) {
            return match
        }
        throw AdminRequestError(
            "app \"\(app)\" is not served by this simulator",
            expected: "app: one of \(apps.joined(separator: ", ")) (or without the org)")
    }

    /// Checks the values against each other and their ranges; throws saying what to write instead.
    func validate() throws(AdminRequestError) {
        guard (1...Self.maxCount).contains(count) else {
            throw AdminRequestError(
                "count \(count) is out of range", expected: "count: a whole number 1...\(Self.maxCount), e.g. 5")
        }
        if !completed, eventLost || duplicateEvent {
            throw AdminRequestError(
                "eventLost and duplicateEvent concern the completed event, and the instance is not completed",
                expected: "completed: true, or leave eventLost and duplicateEvent out")
        }
        if eventLost, duplicateEvent {
            throw AdminRequestError(
                "a lost completed event cannot also be registered twice", expected: "at most one of them true")
        }
        guard let elements = dataElements else { return }
        guard elements.count <= Self.maxDataElements else {
            throw AdminRequestError(
                "\(elements.count) data elements are too many",
                expected: "dataElements: at most \(Self.maxDataElements) per instance")
        }
        for element in elements {
            try element.validate()
            if element.kind == .receiptWithoutSize, !completed {
                throw AdminRequestError(
                    "receipt-without-size needs a receipt, and only a completed instance has one",
                    expected: "completed: true, or another kind")
            }
        }
    }
}

/// A data element to give a new instance: a kind, and for an attachment its size.
public struct SubmissionElement: Sendable, Hashable {
    /// What the element is.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// An attachment with a Norwegian name: a PDF, image, text or document.
        case attachment
        /// A zero-byte attachment.
        case empty
        /// An attachment named `../../etc/passwd`.
        case pathTraversal = "path-traversal"
        /// An attachment whose malware scan found something (`Infected`).
        case infected
        /// An attachment whose scan has not finished (`Pending`).
        case pendingScan = "pending-scan"
        /// A hard-deleted attachment, still listed and served to the owner.
        case hardDeleted = "hard-deleted"
        /// No extra element: the receipt's document leaves `size` out (completed instances only).
        case receiptWithoutSize = "receipt-without-size"
    }

    /// The kind.
    public var kind: Kind
    /// The byte count of an attachment, 0...``maxSize``; nil for a seeded size (200 B to 20 kB). Other kinds
    /// have their own content and take no size. An attachment given a size is produced as it is sent, so
    /// any size costs no memory.
    public var size: Int64?

    /// The largest attachment: 1 GiB (the truth hashes every byte).
    public static let maxSize: Int64 = 1 << 30

    /// Creates an element.
    public init(kind: Kind, size: Int64? = nil) {
        self.kind = kind
        self.size = size
    }

    func validate() throws(AdminRequestError) {
        guard let size else { return }
        guard kind == .attachment else {
            throw AdminRequestError(
                "size applies to attachments only, not to \(kind.rawValue)",
                expected: "{\"kind\": \"attachment\", \"size\": \(size)} or {\"kind\": \"\(kind.rawValue)\"}")
        }
        guard (0...Self.maxSize).contains(size) else {
            throw AdminRequestError(
                "attachment size \(size) is out of range", expected: "size: 0...\(Self.maxSize) bytes, e.g. 250000")
        }
    }
}
