/// One fault to inject: what goes wrong, on which route, and when.
///
/// A rule fires on a request to its ``route`` (or to any route when nil) when the request is among the
/// first ``firstRequests`` matching ones (if set) and the dice allow it (``probability``, if set). With
/// neither set it fires on every matching request.
public struct FaultRule: Sendable, Hashable, Codable {
    /// The route the rule watches; nil for every route.
    public var route: FaultRoute?
    /// What goes wrong.
    public var kind: FaultKind
    /// The chance of firing on an eligible request, 0...1; nil for always.
    public var probability: Double?
    /// Only the first this many matching requests are eligible; nil for all.
    public var firstRequests: Int?

    /// Creates a rule.
    public init(route: FaultRoute?, kind: FaultKind, probability: Double? = nil, firstRequests: Int? = nil) {
        self.route = route
        self.kind = kind
        self.probability = probability
        self.firstRequests = firstRequests
    }
}

/// The endpoints faults can target.
public enum FaultRoute: String, Sendable, Hashable, Codable, CaseIterable {
    /// Maskinporten's token endpoint.
    case token
    /// The Altinn token exchange.
    case exchange
    /// The Events API.
    case events
    /// Instance documents (Storage and app).
    case instance
    /// Data element downloads (Storage and app).
    case data
    /// Completion confirmations (Storage and app).
    case complete
    /// Storage's instance query.
    case query
}

/// What goes wrong when a fault fires.
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

    /// Whether the fault answers instead of the endpoint (nothing is done).
    var replacesResponse: Bool {
        switch self {
        case .serverError, .tooManyRequests: true
        default: false
        }
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
        }
    }
}
