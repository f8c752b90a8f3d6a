/// The id of an event in the Events feed, used as the paging cursor (`after=`).
///
/// Altinn's ids are GUIDs, and `0` starts from the oldest retained event, but CloudEvents allows any string,
/// so the rule is loose: 1 to 128 characters, none of them control, format or line/paragraph separator
/// characters. The text is kept as is (not lowercased): Events matches it exactly.
public struct EventID: Sendable, Hashable, TextCoded, CustomStringConvertible {
    /// The longest id accepted, in Unicode scalars.
    public static let maximumLength = 128

    /// The cursor that starts from the oldest retained event.
    public static let start = EventID(uncheckedText: "0")

    /// The id text.
    public let description: String

    private init(uncheckedText: String) {
        description = uncheckedText
    }

    /// Validates `text` as an event id.
    public init(_ text: String) throws(AltinnAPIError) {
        let scalars = text.unicodeScalars
        guard !scalars.isEmpty, scalars.count <= Self.maximumLength else {
            throw AltinnAPIError(
                .invalidIdentifier,
                "event id \(QuotedValue.quote(text)) is not valid; expected 1 to \(Self.maximumLength) characters")
        }
        let forbidden: Set<Unicode.GeneralCategory> = [.control, .format, .lineSeparator, .paragraphSeparator]
        guard !scalars.contains(where: { forbidden.contains($0.properties.generalCategory) }) else {
            throw AltinnAPIError(
                .invalidIdentifier,
                "event id \(QuotedValue.quote(text)) is not valid; it contains control or invisible characters")
        }
        description = text
    }

}
