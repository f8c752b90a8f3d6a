/// A value validated from text and written back as that text, in JSON as a string.
///
/// Conforming types get `Codable` for free: decoding runs the validating initialiser, so an invalid value
/// in a document fails with the initialiser's message.
public protocol TextCoded: Codable {
    /// Validates `text`.
    init(_ text: String) throws(AltinnAPIError)
    /// The text written when encoding.
    var codedText: String { get }
}

extension TextCoded {
    /// Decodes the value from a JSON string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.detail)
        }
    }

    /// Encodes the value as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(codedText)
    }
}

extension TextCoded where Self: CustomStringConvertible {
    /// The description is the text.
    public var codedText: String { description }
}
