/// A service owner's short code (Altinn's "org"), e.g. `ttd`, `skd`, `digdir`.
///
/// The code is the first label of the apps host (`{org}.apps.altinn.no`) and the first segment of every app
/// id, so it must be a lowercase DNS label: 2 to 30 ASCII lowercase letters, digits and `-`, starting and
/// ending with a letter or digit. Real codes are short (2 to 6 letters), so the bound is generous.
public struct Org: Sendable, Hashable, TextCoded, CustomStringConvertible {
    /// The allowed lengths in characters.
    public static let lengths = 2...30

    /// The code, e.g. `ttd`.
    public let description: String

    /// Validates `text` as an org code.
    public init(_ text: String) throws(AltinnAPIError) {
        guard ASCIIRules.isLowercaseName(text, lengths: Self.lengths, firstAllowsDigit: true) else {
            throw AltinnAPIError(
                .invalidIdentifier,
                "org \(QuotedValue.quote(text)) is not valid; expected \(Self.lengths.lowerBound) to "
                    + "\(Self.lengths.upperBound) lowercase letters, digits or '-', starting and ending with a "
                    + "letter or digit (e.g. ttd)")
        }
        description = text
    }

}
