/// One page of Storage's instance query as the client reads it: each instance decoded on its own, so that
/// one bad document on a page neither hides the others nor stops the sweep.
public struct InstancesPage: Sendable {
    /// The instances, in the query's order; one that does not decode is an ``PageItem/invalid(id:reason:)``
    /// item in its place.
    public var items: [PageItem<Instance>]
    /// The URL of the next page, present only when this page is full (see ``QueryResponse/next``).
    public var next: String?

    /// Creates a page.
    public init(items: [PageItem<Instance>], next: String? = nil) {
        self.items = items
        self.next = next
    }

    /// Creates a page of instances that all decoded.
    public init(instances: [Instance], next: String? = nil) {
        self.init(items: instances.map { .valid($0) }, next: next)
    }
}

/// The wire form of a query page with lenient items; `count` and `instances` are required, as in
/// ``QueryResponse``.
struct LenientQueryPage: Decodable {
    var count: Int
    var next: String?
    var instances: [LenientItem<Instance>]
}
