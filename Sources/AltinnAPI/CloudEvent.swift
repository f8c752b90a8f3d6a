/// One event from the Events API, a CloudEvent 1.0 in structured JSON.
///
/// App events carry `source` = the app API's instance URL, `subject` = `/party/{partyId}`, `resource` =
/// `urn:altinn:resource:app_{org}_{app}` and `resourceinstance` = `{partyId}/{instanceGuid}`. Only `id` and
/// `type` are required; unknown members (`data`, `datacontenttype`, extensions) are ignored. Values stay as
/// received: resolve them with ``AltinnEndpoints/instanceReference(for:app:)`` before use.
public struct CloudEvent: Codable, Sendable, Hashable {
    /// The CloudEvents version, `1.0`.
    public var specversion: String?
    /// The event id (a GUID set by Events); the paging cursor. See ``eventID``.
    public var id: String
    /// When Events registered the event.
    public var time: AltinnTimestamp?
    /// Where the event happened; for app events the instance's app API URL. Kept as text: it is never
    /// fetched.
    public var source: String?
    /// Whom the event is about, e.g. `/party/50019855`.
    public var subject: String?
    /// The event type, e.g. `app.instance.process.completed`.
    public var type: String
    /// The resource, e.g. `urn:altinn:resource:app_ttd_apps-test`.
    public var resource: String?
    /// The instance within the resource, `{partyId}/{instanceGuid}`.
    public var resourceinstance: String?
    /// Another subject, e.g. `/person/16035001577` or `/org/991825827`.
    public var alternativesubject: String?

    /// Creates an event.
    public init(
        specversion: String? = "1.0", id: String, time: AltinnTimestamp? = nil, source: String? = nil,
        subject: String? = nil, type: String, resource: String? = nil, resourceinstance: String? = nil,
        alternativesubject: String? = nil
    ) {
        self.specversion = specversion
        self.id = id
        self.time = time
        self.source = source
        self.subject = subject
        self.type = type
        self.resource = resource
        self.resourceinstance = resourceinstance
        self.alternativesubject = alternativesubject
    }

    /// The id validated as a paging cursor.
    public var eventID: EventID {
        get throws(AltinnAPIError) { try EventID(id) }
    }
}
