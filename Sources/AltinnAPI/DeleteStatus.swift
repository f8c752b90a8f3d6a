/// Whether a data element is hard-deleted (`deleteStatus`). The owner still sees and can download it.
public struct DeleteStatus: Codable, Sendable, Hashable {
    /// Whether the element is hard-deleted.
    public var isHardDeleted: Bool
    /// When it was hard-deleted.
    public var hardDeleted: AltinnTimestamp?

    /// Creates a delete status.
    public init(isHardDeleted: Bool, hardDeleted: AltinnTimestamp? = nil) {
        self.isHardDeleted = isHardDeleted
        self.hardDeleted = hardDeleted
    }

    enum CodingKeys: String, CodingKey {
        case isHardDeleted, hardDeleted
    }

    /// Decodes the status. `isHardDeleted` is required (a `bool` in Storage's model, always written): it decides
    /// whether the element is archived, so a status without it is not read as "not deleted".
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        isHardDeleted = try container.decode(Bool.self, forKey: .isHardDeleted)
        hardDeleted = try container.decodeIfPresent(AltinnTimestamp.self, forKey: .hardDeleted)
    }

    /// Encodes the status; nulls are written only in the app shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(isHardDeleted, forKey: .isHardDeleted)
        try container.encode(hardDeleted, forKey: .hardDeleted, shape: AltinnJSONShape(encoder))
    }
}
