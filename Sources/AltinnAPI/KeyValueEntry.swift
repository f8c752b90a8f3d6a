/// A key and value pair, as in a data element's `metadata` and `userDefinedMetadata`.
public struct KeyValueEntry: Codable, Sendable, Hashable {
    /// The key.
    public var key: String?
    /// The value.
    public var value: String?

    /// Creates an entry.
    public init(key: String?, value: String?) {
        self.key = key
        self.value = value
    }

    enum CodingKeys: String, CodingKey {
        case key, value
    }

    /// Encodes the entry; nulls are written only in the app shape.
    public func encode(to encoder: any Encoder) throws {
        let shape = AltinnJSONShape(encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key, shape: shape)
        try container.encode(value, forKey: .value, shape: shape)
    }
}
