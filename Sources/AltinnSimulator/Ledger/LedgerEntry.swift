public import Foundation

/// One thing a client did (or had done to it) at the simulator.
///
/// Fields not relevant to an entry's ``kind`` are nil; the JSON leaves them out.
public struct LedgerEntry: Sendable, Hashable, Codable {
    /// What happened.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Maskinporten issued a token for a grant.
        case grantAccepted
        /// Maskinporten refused a grant (``reason``, ``mpCode``).
        case grantRejected
        /// A Maskinporten token was exchanged for an Altinn token.
        case tokenExchanged
        /// The exchange refused a token (401).
        case exchangeRejected
        /// An Altinn endpoint refused a missing, invalid or expired token (401).
        case unauthorized
        /// A valid token lacked the right org or scope (403, or Events' 401 without an org claim).
        case forbidden
        /// A page of the Events API was served (``count`` events).
        case eventsPage
        /// A page of the instance query was served (``count`` instances).
        case instanceQuery
        /// An instance document was served.
        case instanceRead
        /// Storage's list of an instance's data elements was served (``count`` elements).
        case dataElementsListed
        /// A data element was downloaded, completely or not (``bytesSent``, ``completed``: what the server
        /// wrote, not what the client received).
        case download
        /// A completion confirmation (``newConfirmation``).
        case complete
        /// A request to a path the simulator does not serve (404).
        case unexpectedPath
        /// A fault was injected (``reason`` names it).
        case fault
        /// An instance was added while the simulator ran (``route``: `admin` for `POST /_sim/instances`,
        /// `arrivals` for `--arrivals`, `library` for a call in process; ``reason``: its state; ``count``: its
        /// data elements).
        case instanceAdded
        /// The process of an instance in progress was ended (``route`` as for ``instanceAdded``; ``reason``:
        /// what became of its `completed` event).
        case processCompleted
        /// Events were deleted as retention deletes them (``count``; ``reason``: the age limit).
        case eventsPurged
    }

    /// The simulated time of the entry.
    public var time: Date
    /// What happened.
    public var kind: Kind
    /// The request method.
    public var method: String
    /// The request path (without query).
    public var path: String
    /// The query as sent, percent-encoded and without `?`, when there was one: with `method` and `path`, enough
    /// to send the same request again (the latency benchmark replays a run's requests with curl).
    public var query: String?
    /// The status answered, when known.
    public var status: Int?
    /// `storage` or `app` for instance reads, downloads and completes; the fault's route for faults; where a
    /// change came from (`admin`, `arrivals`, `library`) for the simulator's own changes.
    public var route: String?
    /// Why a request was refused, or which fault fired.
    public var reason: String?
    /// Maskinporten's error code, e.g. `MP-110`.
    public var mpCode: String?
    /// The Maskinporten client involved.
    public var clientID: String?
    /// The instance, `{partyId}/{guid}`.
    public var instanceID: String?
    /// The data element id.
    public var dataElementID: String?
    /// Body bytes the server wrote for a download: handed to the connection, which is not the same as
    /// received by the client (bytes still in socket buffers when a connection breaks are counted).
    public var bytesSent: Int64?
    /// Body bytes the response announced: the stored byte count, or for form data from the app API the
    /// length of the re-serialised body.
    public var bytesExpected: Int64?
    /// Whether the server wrote the whole body and finished the response without error. It says nothing of
    /// the client: one that gave up, or lost the end of the body, can still leave `true` here.
    public var completed: Bool?
    /// Whether a complete added a confirmation (false when the org had confirmed before).
    public var newConfirmation: Bool?
    /// How many events or instances a page held.
    public var count: Int?

    /// Creates an entry.
    public init(time: Date, kind: Kind, method: String, path: String, query: String? = nil, status: Int? = nil) {
        self.time = time
        self.kind = kind
        self.method = method
        self.path = path
        self.query = query
        self.status = status
    }
}
