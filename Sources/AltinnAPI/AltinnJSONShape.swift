/// The two JSON dialects Altinn serves an instance in.
///
/// Storage serialises with Newtonsoft: nulls are omitted and `status.readStatus` is a string. Apps serialise
/// with System.Text.Json: nulls are written, `readStatus` is a number and `instanceOwner` carries a `party`
/// object. Decoding accepts both; encoding writes ``storage`` unless an encoder's `userInfo` asks for
/// ``app`` under ``userInfoKey`` (see ``AppInstanceEncoding``).
public enum AltinnJSONShape: Sendable, Hashable {
    /// Storage's Newtonsoft output.
    case storage
    /// An app's System.Text.Json output (`InstanceResponse`).
    case app

    /// The `userInfo` key under which an encoder carries the shape to write.
    public static let userInfoKey: CodingUserInfoKey = {
        guard let key = CodingUserInfoKey(rawValue: "altinn-sync.json-shape") else {
            preconditionFailure("CodingUserInfoKey rejected a constant, non-empty key")
        }
        return key
    }()

    /// The shape `encoder` should write: ``app`` only when its `userInfo` says so.
    init(_ encoder: any Encoder) {
        self = encoder.userInfo[Self.userInfoKey] as? AltinnJSONShape ?? .storage
    }
}

extension KeyedEncodingContainer {
    /// Encodes `value`, or for nil writes `null` in the app shape and nothing in the Storage shape.
    mutating func encode<Value: Encodable>(_ value: Value?, forKey key: Key, shape: AltinnJSONShape) throws {
        if let value {
            try encode(value, forKey: key)
        } else if shape == .app {
            try encodeNil(forKey: key)
        }
    }
}
