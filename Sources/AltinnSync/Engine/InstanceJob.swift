public import AltinnAPI

/// How an instance came to be processed.
public enum DiscoveryRoute: String, Sendable, Codable {
    /// An event in the feed named it.
    case events
    /// The Storage instance query found it unconfirmed.
    case reconciliation
    /// It was due in the retry ledger.
    case retry
}

/// One instance to bring into the archive.
public struct InstanceJob: Sendable {
    /// The app it belongs to.
    public var app: AppID
    /// The instance.
    public var instance: InstanceID
    /// How it was found.
    public var route: DiscoveryRoute
    /// The events that named it (for the manifest); empty when not found through events.
    public var events: [CloudEvent]
    /// Event ids kept from earlier attempts (retry ledger).
    public var earlierEventIds: [String]

    /// Creates a job.
    public init(
        app: AppID, instance: InstanceID, route: DiscoveryRoute, events: [CloudEvent] = [],
        earlierEventIds: [String] = []
    ) {
        self.app = app
        self.instance = instance
        self.route = route
        self.events = events
        self.earlierEventIds = earlierEventIds
    }

    /// The ids of every event known to have named the instance.
    public var eventIds: [String] {
        var ids = earlierEventIds
        for event in events where !ids.contains(event.id) { ids.append(event.id) }
        return ids
    }
}
