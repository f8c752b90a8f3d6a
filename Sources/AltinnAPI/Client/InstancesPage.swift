/// One page of Storage's instance query as the client reads it: for each instance only what the sweep needs
/// (its id), each item decoded on its own, so that one broken item on a page neither hides the others nor stops
/// the sweep. The instance's own document is fetched, and checked in full, before it is archived.
public struct InstancesPage: Sendable {
    /// The instances, in the query's order; one whose id cannot be read is an ``PageItem/invalid(id:reason:)``
    /// item in its place.
    public var items: [PageItem<InstanceSummary>]
    /// The URL of the next page, present only when this page is full (see ``QueryResponse/next``).
    public var next: String?

    /// Creates a page.
    public init(items: [PageItem<InstanceSummary>], next: String? = nil) {
        self.items = items
        self.next = next
    }

    /// Creates a page of instances that all decoded.
    public init(instances: [Instance], next: String? = nil) {
        self.init(items: instances.map { .valid(InstanceSummary(id: $0.id)) }, next: next)
    }
}

/// An instance as the sweep reads it from a query page: its id, `"{partyId}/{instanceGuid}"`.
public struct InstanceSummary: Decodable, Sendable, Hashable {
    /// `"{partyId}/{instanceGuid}"`, as received; see ``instanceID``.
    public var id: String

    /// Creates a summary.
    public init(id: String) {
        self.id = id
    }

    /// The id validated.
    public var instanceID: InstanceID {
        get throws(AltinnAPIError) { try InstanceID(id) }
    }
}

/// The wire form of a query page read leniently; `count` and `instances` are required, as in
/// ``QueryResponse``.
struct LenientQueryPage: Decodable {
    var count: Int
    var next: String?
    var instances: [LenientItem<InstanceSummary>]
}
