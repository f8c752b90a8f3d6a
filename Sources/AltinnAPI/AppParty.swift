/// The `instanceOwner.party` object of an app's `InstanceResponse`, reduced to what the owner record knows.
struct AppParty: Encodable {
    /// Register's party types as the numbers System.Text.Json writes.
    enum PartyType: Int {
        case person = 1
        case organisation = 2
        case selfIdentified = 3
    }

    let owner: InstanceOwner

    enum CodingKeys: String, CodingKey {
        case partyId, partyUuid, partyTypeName, ssn, orgNumber, unitType, name, isDeleted
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let partyType: PartyType? =
            owner.personNumber != nil
            ? .person : owner.organisationNumber != nil ? .organisation : owner.username != nil ? .selfIdentified : nil
        try container.encode(owner.partyId.flatMap { Int64($0) }, forKey: .partyId, shape: .app)
        try container.encodeNil(forKey: .partyUuid)
        try container.encode(partyType?.rawValue, forKey: .partyTypeName, shape: .app)
        try container.encode(owner.personNumber, forKey: .ssn, shape: .app)
        try container.encode(owner.organisationNumber, forKey: .orgNumber, shape: .app)
        try container.encodeNil(forKey: .unitType)
        try container.encodeNil(forKey: .name)
        try container.encode(false, forKey: .isDeleted)
    }
}
