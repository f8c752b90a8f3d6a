/// A status text the service owner set on an instance (`status.substatus`), as text keys or plain text.
public struct Substatus: Codable, Sendable, Hashable {
    /// The label, e.g. `substatus.declined.label`.
    public var label: String?
    /// A longer description.
    public var description: String?

    /// Creates a substatus.
    public init(label: String?, description: String? = nil) {
        self.label = label
        self.description = description
    }

    enum CodingKeys: String, CodingKey {
        case label, description
    }

    /// Encodes the substatus; nulls are written only in the app shape.
    public func encode(to encoder: any Encoder) throws {
        let shape = AltinnJSONShape(encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(label, forKey: .label, shape: shape)
        try container.encode(description, forKey: .description, shape: shape)
    }
}
