/// One page of the app events feed, each event decoded on its own.
public struct EventsPage: Sendable {
    /// The events, in the feed's order (Altinn's insert order, not `time` order); an event that does not
    /// decode is an ``PageItem/invalid(id:reason:)`` item in its place.
    public var items: [PageItem<CloudEvent>]
    /// The `next` header as sent; informational only: the client builds its next request from the last
    /// event id itself, because Altinn does not re-encode query values in `next`.
    public var next: String?

    /// Creates a page.
    public init(items: [PageItem<CloudEvent>], next: String? = nil) {
        self.items = items
        self.next = next
    }

    /// Creates a page of events that all decoded.
    public init(events: [CloudEvent], next: String? = nil) {
        self.init(items: events.map { .valid($0) }, next: next)
    }

    /// Whether the page is empty: the only "caught up" signal Altinn gives.
    public var isEmpty: Bool { items.isEmpty }
}
