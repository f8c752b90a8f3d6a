/// Who owns an instance (`instanceOwner`).
///
/// Storage writes `partyId` as a string; a number is accepted too. Apps add a `party` object, which is
/// not kept (it duplicates these fields). Some app-lib versions spell `organizationNumber` with a z;
/// both spellings decode.
public struct InstanceOwner: Codable, Sendable, Hashable {
    /// The owner's party id as received; see ``Instance/partyID`` for the validated value.
    public var partyId: String?
    /// The national identity number, when the owner is a person.
    public var personNumber: String?
    /// The organisation number, when the owner is an organisation.
    public var organisationNumber: String?
    /// The username, when the owner is a self-identified user.
    public var username: String?
    /// An external identifier (Storage only).
    public var externalIdentifier: String?

    /// Creates an owner.
    public init(
        partyId: String?, personNumber: String? = nil, organisationNumber: String? = nil, username: String? = nil,
        externalIdentifier: String? = nil
    ) {
        self.partyId = partyId
        self.personNumber = personNumber
        self.organisationNumber = organisationNumber
        self.username = username
        self.externalIdentifier = externalIdentifier
    }

    enum CodingKeys: String, CodingKey {
        case partyId, personNumber, organisationNumber, organizationNumber, username, externalIdentifier, party
    }

    /// Decodes either JSON shape.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let number = try? container.decodeIfPresent(Int64.self, forKey: .partyId) {
            partyId = String(number)
        } else {
            partyId = try container.decodeIfPresent(String.self, forKey: .partyId)
        }
        personNumber = try container.decodeIfPresent(String.self, forKey: .personNumber)
        organisationNumber =
            try container.decodeIfPresent(String.self, forKey: .organisationNumber)
            ?? container.decodeIfPresent(String.self, forKey: .organizationNumber)
        username = try container.decodeIfPresent(String.self, forKey: .username)
        externalIdentifier = try container.decodeIfPresent(String.self, forKey: .externalIdentifier)
    }

    /// Encodes the owner; the app shape adds nulls and a minimal `party` object.
    public func encode(to encoder: any Encoder) throws {
        let shape = AltinnJSONShape(encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(partyId, forKey: .partyId, shape: shape)
        try container.encode(personNumber, forKey: .personNumber, shape: shape)
        try container.encode(organisationNumber, forKey: .organisationNumber, shape: shape)
        try container.encode(username, forKey: .username, shape: shape)
        switch shape {
        case .storage:
            try container.encodeIfPresent(externalIdentifier, forKey: .externalIdentifier)
        case .app:
            try container.encode(AppParty(owner: self), forKey: .party)
        }
    }
}
