import AltinnAPI

/// How an instance came to be processed.
public enum DiscoveryRoute: String, Sendable, Codable {
    /// An event in the feed named it.
    case events
    /// The Storage instance query found it unconfirmed.
    case reconciliation
    /// It was due in the retry ledger.
    case retry
    /// An operator asked for it (`altinn-sync fetch`).
    case fetch
}

/// One instance to bring into the archive.
struct InstanceJob: Sendable {
    /// The job's number in the run: which job's requests go first when slots are scarce, and how the
    /// cursor knows its events.
    var number: Int
    /// The app it belongs to.
    var app: AppID
    /// The instance.
    var instance: InstanceID
    /// How it was found.
    var route: DiscoveryRoute
    /// The events that named it (for the manifest); empty when not found through events.
    var events: [CloudEvent] = []
    /// Event ids kept from earlier attempts (retry ledger).
    var earlierEventIds: [String] = []

    /// The ids of every event known to have named the instance.
    var eventIds: [String] {
        var ids = earlierEventIds
        for event in events where !ids.contains(event.id) { ids.append(event.id) }
        return ids
    }
}
