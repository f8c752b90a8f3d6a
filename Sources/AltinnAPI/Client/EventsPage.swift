/// One page of the app events feed.
public struct EventsPage: Sendable {
    /// The events, in the feed's order (Altinn's insert order, not `time` order).
    public var events: [CloudEvent]
    /// The `next` header as sent; informational only: the client builds its next request from the last
    /// event id itself, because Altinn does not re-encode query values in `next`.
    public var next: String?

    /// Creates a page.
    public init(events: [CloudEvent], next: String?) {
        self.events = events
        self.next = next
    }
}
