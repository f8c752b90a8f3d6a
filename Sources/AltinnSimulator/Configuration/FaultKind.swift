/// What goes wrong when a fault fires.
///
/// The first kinds break the transport or the timing on any route. The hostile kinds after
/// ``tokenExpiry`` serve a body that a careful client must refuse; each belongs to one route
/// (``requiredRoute``) and never fires on another.
public enum FaultKind: Sendable, Hashable, Codable {
    /// The response is delayed by this many milliseconds (the request is then served normally).
    case latency(milliseconds: Int)
    /// A 5xx status with an optional `Retry-After` in seconds, and no work done.
    case serverError(status: Int, retryAfter: Int?)
    /// 429 Too Many Requests with `Retry-After` in seconds, and no work done.
    case tooManyRequests(retryAfter: Int)
    /// Headers and half the body are sent, then the connection is reset (TCP RST).
    case connectionReset
    /// The full `Content-Length` is announced, half the body is sent, then the connection is closed.
    case truncatedBody
    /// The body is sent at this many bytes per second.
    case slowBody(bytesPerSecond: Int)
    /// What the request presents expires for good, and every later request presenting it is refused as an
    /// expired one would be: an Altinn token gets 401 (empty body) on the Altinn endpoints; a Maskinporten
    /// token gets 401 (empty body) from the exchange; a grant gets Maskinporten's `invalid_grant`
    /// `JWT is expired (MP-130)`. A fresh token or grant works.
    case tokenExpiry
    /// `instance`: the instance document (Storage and app shapes) comes without its `data` member, the key
    /// absent; the data element list comes without `dataElements`.
    case documentWithoutData
    /// `instance`: every data element in the document declares `"size": 0`; the data route still serves
    /// the stored bytes.
    case zeroSizes
    /// `query`: the first instance on the page has `"instanceOwner": 42`; its `id` stays a valid
    /// `{partyId}/{guid}` when `keepsID`, else it is `12345`, so the client cannot tell which instance it was.
    case badQueryItem(keepsID: Bool)
    /// `events`: the page is cut in the middle of an event, so the body is not JSON (status 200, and a
    /// `Content-Length` that matches what is sent).
    case malformedEventsPage
    /// `events`: the first event on the page has no `type`; its `id` stays valid.
    case badEvent
    /// `events`: every event on the page carries an extra `"data"` string of this many bytes, streamed.
    case bloatedEvents(bytesPerEvent: Int)
    /// `data`: `Content-Length` announces this many bytes fewer than the body has; the rest follows the
    /// announced body on the kept-alive connection, where a client reusing it reads it as the next
    /// response.
    case lyingLength(shortBy: Int)

    /// Whether the fault answers instead of the endpoint (nothing is done).
    var replacesResponse: Bool {
        switch self {
        case .serverError, .tooManyRequests: true
        default: false
        }
    }

    /// The only route a hostile kind acts on; nil for the kinds that act on every route.
    public var requiredRoute: FaultRoute? {
        switch self {
        case .documentWithoutData, .zeroSizes: .instance
        case .badQueryItem: .query
        case .malformedEventsPage, .badEvent, .bloatedEvents: .events
        case .lyingLength: .data
        default: nil
        }
    }

    /// Whether the kind acts on `route`.
    func applies(to route: FaultRoute) -> Bool {
        requiredRoute.map { $0 == route } ?? true
    }

    /// A short name for the ledger.
    var name: String {
        switch self {
        case .latency(let milliseconds): "latency \(milliseconds) ms"
        case .serverError(let status, _): "status \(status)"
        case .tooManyRequests: "status 429"
        case .connectionReset: "connection reset"
        case .truncatedBody: "truncated body"
        case .slowBody(let rate): "slow body \(rate) B/s"
        case .tokenExpiry: "token expiry"
        case .documentWithoutData: "document without data"
        case .zeroSizes: "zero sizes"
        case .badQueryItem(let keepsID): keepsID ? "bad query item" : "bad query item without id"
        case .malformedEventsPage: "malformed events page"
        case .badEvent: "bad event"
        case .bloatedEvents(let bytes): "bloated events \(bytes) B"
        case .lyingLength(let shortBy): "lying length \(shortBy) B short"
        }
    }
}
