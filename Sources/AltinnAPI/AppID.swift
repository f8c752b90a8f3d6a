/// An Altinn app, `"{org}/{app}"`, e.g. `ttd/endring-av-navn-v2`.
///
/// `org` follows ``Org``. The app name follows Altinn Studio's rule (lowercase letters, digits and `-`,
/// starting with a letter and ending with a letter or digit) with 2 to 63 characters: Studio itself asks
/// for at least 3, and 63 is the DNS label bound that app deployments are named under.
public struct AppID: Sendable, Hashable, TextCoded, CustomStringConvertible {
    /// The allowed lengths of the app name, in characters.
    public static let appNameLengths = 2...63

    /// The service owner.
    public let org: Org
    /// The app name, e.g. `endring-av-navn-v2`.
    public let app: String

    /// Validates `app` as an app name of `org`.
    public init(org: Org, app: String) throws(AltinnAPIError) {
        guard ASCIIRules.isLowercaseName(app, lengths: Self.appNameLengths, firstAllowsDigit: false) else {
            throw AltinnAPIError(
                .invalidIdentifier,
                "app name \(QuotedValue.quote(app)) is not valid; expected \(Self.appNameLengths.lowerBound) to "
                    + "\(Self.appNameLengths.upperBound) lowercase letters, digits or '-', starting with a letter "
                    + "and ending with a letter or digit")
        }
        self.org = org
        self.app = app
    }

    /// Parses `"{org}/{app}"`.
    public init(_ text: String) throws(AltinnAPIError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw AltinnAPIError(
                .invalidIdentifier, "app id \(QuotedValue.quote(text)) is not valid; expected {org}/{app}")
        }
        try self.init(org: Org(String(parts[0])), app: String(parts[1]))
    }

    /// `"{org}/{app}"`.
    public var description: String { "\(org)/\(app)" }

    /// The Events and authorization resource of the app, `urn:altinn:resource:app_{org}_{app}`.
    public var resourceURN: String { "urn:altinn:resource:app_\(org)_\(app)" }

}
