/// An event as an app publishes it, before Events gives it a sequence number.
struct EventDraft: Sendable {
    /// When Events registered it (the visibility lag and the retention count from here).
    let registered: Ticks
    /// The event id, a GUID.
    let id: String
    /// The CloudEvent `time` (not monotonic in the sequence).
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
    /// A `source` to publish instead of the app's own instance URL (tests of hostile events).
    var sourceOverride: String? = nil
    /// Whether to leave `resourceinstance` out, so that clients must read the instance from `source`.
    var omitResourceInstance = false

    /// The stored row with `sequence`.
    func stored(sequence: Int64) -> StoredEvent {
        StoredEvent(sequence: sequence, event: self)
    }
}
