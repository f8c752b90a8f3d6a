/// The external id of an instance, `"{partyId}/{instanceGuid}"`, as in `Instance.id` and an event's
/// `resourceinstance`.
public struct InstanceID: Sendable, Hashable, TextCoded, CustomStringConvertible {
    /// The party that owns the instance.
    public let partyID: PartyID
    /// The instance's GUID.
    public let instanceGUID: InstanceGUID

    /// Combines already validated parts.
    public init(partyID: PartyID, instanceGUID: InstanceGUID) {
        self.partyID = partyID
        self.instanceGUID = instanceGUID
    }

    /// Parses `"{partyId}/{instanceGuid}"`: exactly one `/` between a valid party id and a valid GUID.
    public init(_ text: String) throws(AltinnAPIError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw AltinnAPIError(
                .invalidIdentifier,
                "instance id \(QuotedValue.quote(text)) is not valid; expected {partyId}/{instanceGuid}")
        }
        partyID = try PartyID(String(parts[0]))
        instanceGUID = try InstanceGUID(String(parts[1]))
    }

    /// `"{partyId}/{instanceGuid}"`, the GUID lowercased.
    public var description: String { "\(partyID)/\(instanceGUID)" }

}
