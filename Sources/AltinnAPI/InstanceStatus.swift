/// The archive, deletion and read state of an instance (`status`).
public struct InstanceStatus: Codable, Sendable, Hashable {
    /// Whether the instance is archived (set when the process ends).
    public var isArchived: Bool
    /// When it was archived.
    public var archived: AltinnTimestamp?
    /// Whether the owner moved it to the recycle bin.
    public var isSoftDeleted: Bool
    /// When it was soft-deleted.
    public var softDeleted: AltinnTimestamp?
    /// Whether it is deleted for good (its data disappears a few days later).
    public var isHardDeleted: Bool
    /// When it was hard-deleted.
    public var hardDeleted: AltinnTimestamp?
    /// Whether the owner has read it.
    public var readStatus: ReadStatus?
    /// A status text the service owner set.
    public var substatus: Substatus?

    /// Creates a status.
    public init(
        isArchived: Bool = false, archived: AltinnTimestamp? = nil, isSoftDeleted: Bool = false,
        softDeleted: AltinnTimestamp? = nil, isHardDeleted: Bool = false, hardDeleted: AltinnTimestamp? = nil,
        readStatus: ReadStatus? = nil, substatus: Substatus? = nil
    ) {
        self.isArchived = isArchived
        self.archived = archived
        self.isSoftDeleted = isSoftDeleted
        self.softDeleted = softDeleted
        self.isHardDeleted = isHardDeleted
        self.hardDeleted = hardDeleted
        self.readStatus = readStatus
        self.substatus = substatus
    }

    enum CodingKeys: String, CodingKey {
        case isArchived, archived, isSoftDeleted, softDeleted, isHardDeleted, hardDeleted, readStatus, substatus
    }

    /// Decodes either JSON shape; missing flags mean false. The flags are informational here (reconciliation
    /// filters on them server-side), so a default cannot make an instance look done.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        isArchived = try container.decodeIfPresent(Bool.self, forKey: .isArchived) ?? false
        archived = try container.decodeIfPresent(AltinnTimestamp.self, forKey: .archived)
        isSoftDeleted = try container.decodeIfPresent(Bool.self, forKey: .isSoftDeleted) ?? false
        softDeleted = try container.decodeIfPresent(AltinnTimestamp.self, forKey: .softDeleted)
        isHardDeleted = try container.decodeIfPresent(Bool.self, forKey: .isHardDeleted) ?? false
        hardDeleted = try container.decodeIfPresent(AltinnTimestamp.self, forKey: .hardDeleted)
        readStatus = try container.decodeIfPresent(ReadStatus.self, forKey: .readStatus)
        substatus = try container.decodeIfPresent(Substatus.self, forKey: .substatus)
    }

    /// Encodes the status; nulls are written only in the app shape.
    public func encode(to encoder: any Encoder) throws {
        let shape = AltinnJSONShape(encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(isArchived, forKey: .isArchived)
        try container.encode(archived, forKey: .archived, shape: shape)
        try container.encode(isSoftDeleted, forKey: .isSoftDeleted)
        try container.encode(softDeleted, forKey: .softDeleted, shape: shape)
        try container.encode(isHardDeleted, forKey: .isHardDeleted)
        try container.encode(hardDeleted, forKey: .hardDeleted, shape: shape)
        try container.encode(readStatus, forKey: .readStatus, shape: shape)
        try container.encode(substatus, forKey: .substatus, shape: shape)
    }
}
