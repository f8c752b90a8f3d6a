internal import AltinnAPI

/// One row of Events' table: the event plus the sequence number that only the database sees. The event's
/// fields read through, e.g. `stored.id`.
@dynamicMemberLookup
struct StoredEvent: Sendable {
    /// The global BIGSERIAL, across all apps: the only order the API pages in.
    let sequence: Int64
    /// The event.
    let event: EventDraft

    subscript<Value>(dynamicMember keyPath: KeyPath<EventDraft, Value>) -> Value {
        event[keyPath: keyPath]
    }

    /// The resource URN, `urn:altinn:resource:app_{org}_{app}`.
    var resource: String {
        "urn:altinn:resource:app_" + event.appID.replacingOccurrences(of: "/", with: "_")
    }

    /// The event as the API serves it; `source` is the app API's instance URL under `appsBase`.
    func cloudEvent(appsBase: String) -> CloudEvent {
        let instance = "\(event.partyID)/\(event.instanceGUID)"
        return CloudEvent(
            specversion: "1.0", id: event.id, time: event.time.eventTimestamp,
            source: event.sourceOverride ?? "\(appsBase)/\(event.appID)/instances/\(instance)",
            subject: "/party/\(event.partyID)", type: event.type, resource: resource,
            resourceinstance: event.omitResourceInstance ? nil : instance,
            alternativesubject: event.alternativeSubject)
    }
}
