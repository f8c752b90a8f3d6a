/// The id of the party that owns an instance (`instanceOwner.partyId`), a positive integer of at most
/// 12 decimal digits.
///
/// Only ASCII digits are accepted, without sign, spaces or leading zeros, so the text is canonical: one
/// party has exactly one spelling in URLs and archive paths. Altinn writes it as a string in Storage
/// documents and as a number elsewhere; both decode.
public struct PartyID: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The most digits a party id may have.
    public static let maximumDigits = 12

    /// The canonical decimal text, e.g. `50019855`.
    public let description: String

    /// Validates `text` as a party id.
    public init(_ text: String) throws(AltinnAPIError) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= Self.maximumDigits, bytes.allSatisfy(ASCIIRules.isDigit),
            bytes[0] != UInt8(ascii: "0"), let number = Int64(text)
        else {
            throw AltinnAPIError(
                .invalidIdentifier,
                "party id \(QuotedValue.quote(text)) is not valid; expected a positive whole number of 1 to "
                    + "\(Self.maximumDigits) ASCII digits without sign or leading zeros")
        }
        description = text
        value = number
    }

    /// Validates `value` as a party id.
    public init(_ value: Int64) throws(AltinnAPIError) {
        try self.init(String(value))
    }

    /// The party id as a number.
    public let value: Int64

    /// Decodes a party id from a JSON string or number.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text: String
        if let number = try? container.decode(Int64.self) {
            text = String(number)
        } else {
            text = try container.decode(String.self)
        }
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.detail)
        }
    }

    /// Encodes the party id as a JSON string, as Storage does.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
