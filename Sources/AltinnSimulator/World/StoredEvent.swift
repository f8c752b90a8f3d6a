internal import AltinnAPI

/// One row of Events' table: the CloudEvent's fields plus the sequence number and registration time
/// that only the database sees.
struct StoredEvent: Sendable {
    /// The global BIGSERIAL, across all apps: the only order the API pages in.
    let sequence: Int64
    /// When Events registered it (the visibility lag and the retention count from here).
    let registered: Ticks
    /// The event id, a GUID.
    let id: String
    /// The CloudEvent `time` (not monotonic in `sequence`).
    let time: Ticks
    /// The event type, e.g. `app.instance.process.completed`.
    let type: String
    /// The app, `"{org}/{app}"`.
    let appID: String
    /// The instance owner's party id.
    let partyID: String
    /// The instance GUID.
    let instanceGUID: String
    /// `/person/{ssn}` or `/org/{orgNo}`, when known.
    let alternativeSubject: String?
    var sourceOverride: String? = nil
    var omitResourceInstance = false

    /// The resource URN, `urn:altinn:resource:app_{org}_{app}`.
    var resource: String {
        "urn:altinn:resource:app_" + appID.replacingOccurrences(of: "/", with: "_")
    }

    /// The event as the API serves it; `source` is the app API's instance URL under `appsBase`.
    func cloudEvent(appsBase: String) -> CloudEvent {
        CloudEvent(
            specversion: "1.0", id: id, time: time.eventTimestamp,
            source: sourceOverride ?? "\(appsBase)/\(appID)/instances/\(partyID)/\(instanceGUID)",
            subject: "/party/\(partyID)", type: type, resource: resource,
            resourceinstance: omitResourceInstance ? nil : "\(partyID)/\(instanceGUID)",
            alternativesubject: alternativeSubject)
    }
}
