public import Foundation

/// The id of a data element (one file of an instance), a GUID stored lowercased.
public struct DataElementID: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The lowercased GUID text.
    public let description: String

    /// Validates `text` as a GUID (`8-4-4-4-12` hex digits; upper case is lowercased).
    public init(_ text: String) throws(AltinnAPIError) {
        description = try CanonicalGUID.parse(text, kind: "data element id")
    }

    /// The id as a `UUID`.
    public var uuid: UUID? { UUID(uuidString: description) }

    /// Decodes the id from a JSON string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.detail)
        }
    }

    /// Encodes the id as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
