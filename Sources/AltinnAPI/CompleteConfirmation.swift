/// A stakeholder's confirmation that it has everything it needs from an instance (`completeConfirmations`).
public struct CompleteConfirmation: Codable, Sendable, Hashable {
    /// Who confirmed: the org code, e.g. `ttd`.
    public var stakeholderId: String
    /// When.
    public var confirmedOn: AltinnTimestamp?

    /// Creates a confirmation.
    public init(stakeholderId: String, confirmedOn: AltinnTimestamp?) {
        self.stakeholderId = stakeholderId
        self.confirmedOn = confirmedOn
    }

    enum CodingKeys: String, CodingKey {
        case stakeholderId, confirmedOn
    }

    /// Encodes the confirmation; nulls are written only in the app shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(stakeholderId, forKey: .stakeholderId)
        try container.encode(confirmedOn, forKey: .confirmedOn, shape: AltinnJSONShape(encoder))
    }
}
