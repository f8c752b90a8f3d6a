#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// What the token client asks Maskinporten for, and where.
public struct MaskinportenConfiguration: Sendable, Equatable {
    /// Maskinporten TEST's issuer identifier, which pairs with Altinn TT02.
    public static let testIssuer = "https://test.maskinporten.no/"
    /// Maskinporten production's issuer identifier.
    public static let productionIssuer = "https://maskinporten.no/"

    /// The issuer identifier, with its trailing slash: the grant's `aud`. The token endpoint is this URL
    /// followed by `token`.
    public var issuer: URL
    /// The client id (`iss` of the grant).
    public var clientID: String
    /// The scopes to request; sent space-separated.
    public var scopes: [String]
    /// Audience restriction (RFC 8707) for the token, sent as an array; nil sends none.
    public var resources: [String]?
    /// The organisation number a supplier requests a token for; nil sends none.
    public var consumerOrg: String?
    /// The grant's signature algorithm.
    public var algorithm: JWSAlgorithm
    /// Seconds between the grant's `iat` and `exp`, clamped to 1...120 (Maskinporten's maximum).
    public var grantLifetime: Int {
        didSet { grantLifetime = Self.clampLifetime(grantLifetime) }
    }

    /// Creates a configuration. An issuer without a trailing slash gets one: Maskinporten compares `aud`
    /// with its issuer value exactly, and that value ends with `/`.
    public init(
        issuer: URL, clientID: String, scopes: [String], resources: [String]? = nil, consumerOrg: String? = nil,
        algorithm: JWSAlgorithm = .rs256, grantLifetime: Int = 60
    ) {
        let text = issuer.absoluteString
        self.issuer = text.hasSuffix("/") ? issuer : URL(string: text + "/") ?? issuer
        self.clientID = clientID
        self.scopes = scopes
        self.resources = resources?.isEmpty == true ? nil : resources
        self.consumerOrg = consumerOrg
        self.algorithm = algorithm
        self.grantLifetime = Self.clampLifetime(grantLifetime)
    }

    /// The token endpoint, `<issuer>token`.
    public var tokenEndpoint: URL {
        URL(string: issuer.absoluteString + "token") ?? issuer.appendingPathComponent("token")
    }

    /// A key for ``TokenCacheFile`` that changes whenever the token would: issuer, client, scopes,
    /// resources and consumer organisation.
    public var cacheKey: String {
        [
            issuer.absoluteString, clientID, scopes.sorted().joined(separator: " "),
            (resources ?? []).joined(separator: " "), consumerOrg ?? "",
        ].joined(separator: "|")
    }

    /// The scopes as one space-separated string.
    public var scopeString: String { scopes.joined(separator: " ") }

    private static func clampLifetime(_ seconds: Int) -> Int { min(120, max(1, seconds)) }
}
