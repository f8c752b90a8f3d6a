/// The instance an event is about, resolved from the event and checked against the app being polled.
public struct EventInstanceReference: Sendable, Hashable {
    /// Which member of the event named the instance.
    public enum Field: String, Sendable, Hashable {
        /// `resourceinstance`, `{partyId}/{instanceGuid}`: preferred.
        case resourceInstance = "resourceinstance"
        /// The last two path segments of `source` after `/instances/`.
        case source
    }

    /// The instance, built from validated ids.
    public let instanceID: InstanceID
    /// Where the id came from.
    public let field: Field
    /// The scheme, host and port of `source` when they are not the configured apps base's, for a warning.
    /// Harmless: requests go to the configured hosts only.
    public let unexpectedSourceHost: String?

    /// Creates a reference.
    public init(instanceID: InstanceID, field: Field, unexpectedSourceHost: String? = nil) {
        self.instanceID = instanceID
        self.field = field
        self.unexpectedSourceHost = unexpectedSourceHost
    }
}
