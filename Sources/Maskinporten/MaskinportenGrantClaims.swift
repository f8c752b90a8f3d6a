/// The claims of a Maskinporten JWT grant, and no others: Maskinporten rejects unknown claims.
///
/// `resource` and `consumer_org` are omitted from the JSON when nil.
public struct MaskinportenGrantClaims: Codable, Sendable, Equatable {
    /// The Maskinporten issuer identifier, with trailing slash.
    public var aud: String
    /// The client id.
    public var iss: String
    /// The requested scopes, space-separated.
    public var scope: String
    /// Issued at, seconds since 1970.
    public var iat: Int
    /// Expiry, seconds since 1970; at most `iat + 120`.
    public var exp: Int
    /// A fresh id per grant; a reused one is refused with MP-012.
    public var jti: String
    /// Audience restriction for the token (always an array).
    public var resource: [String]?
    /// The organisation a supplier acts for.
    public var consumerOrg: String?

    enum CodingKeys: String, CodingKey {
        case aud, iss, scope, iat, exp, jti, resource
        case consumerOrg = "consumer_org"
    }

    /// Creates claims.
    public init(
        aud: String, iss: String, scope: String, iat: Int, exp: Int, jti: String, resource: [String]? = nil,
        consumerOrg: String? = nil
    ) {
        self.aud = aud
        self.iss = iss
        self.scope = scope
        self.iat = iat
        self.exp = exp
        self.jti = jti
        self.resource = resource
        self.consumerOrg = consumerOrg
    }
}
