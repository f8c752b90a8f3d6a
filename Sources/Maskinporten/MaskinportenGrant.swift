#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// A JWT grant for Maskinporten's token endpoint (RFC 7523), before and after signing.
///
/// Every grant has a fresh `jti`; build a new one for every token request, retries included.
public struct MaskinportenGrant: Sendable, Equatable {
    /// The header: `alg` and either `kid` or `x5c`.
    public var header: JWTHeader
    /// The claims.
    public var claims: MaskinportenGrantClaims

    /// Builds the grant `configuration` asks for, signed as `identity` says, issued at `now`.
    ///
    /// - Parameter jti: the grant id; a new random UUID unless a test pins it.
    public init(
        configuration: MaskinportenConfiguration, identification: KeyIdentification, now: Date,
        jti: UUID = UUID()
    ) {
        let issuedAt = Int(now.timeIntervalSince1970.rounded(.down))
        header = JWTHeader(alg: configuration.algorithm, identification: identification)
        claims = MaskinportenGrantClaims(
            aud: configuration.issuer.absoluteString,
            iss: configuration.clientID,
            scope: configuration.scopeString,
            iat: issuedAt,
            exp: issuedAt + configuration.grantLifetime,
            jti: jti.uuidString.lowercased(),
            resource: configuration.resources,
            consumerOrg: configuration.consumerOrg)
    }

    /// Signs the grant.
    public func signed(with key: RSAPrivateKey) throws -> SignedGrant {
        SignedGrant(
            compact: try CompactJWS.sign(header: header, claims: claims, key: key), jti: claims.jti,
            expiresAt: Date(timeIntervalSince1970: TimeInterval(claims.exp)))
    }
}

/// A signed grant, ready to send once. Its description leaves out the assertion itself.
public struct SignedGrant: Sendable, CustomStringConvertible, CustomReflectable {
    /// The compact JWS; a credential until it expires.
    public let compact: String
    /// The grant's id.
    public let jti: String
    /// When the grant expires.
    public let expiresAt: Date

    public var description: String { "SignedGrant(jti: \(jti), redacted)" }

    public var customMirror: Mirror { Mirror(self, children: ["jti": jti, "expiresAt": expiresAt]) }
}
