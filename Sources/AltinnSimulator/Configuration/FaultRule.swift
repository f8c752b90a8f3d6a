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
