import Maskinporten

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// What an Altinn token says about its holder, read without verification for diagnostics.
public struct AltinnTokenClaims: Sendable {
    private struct Claims: Decodable {
        var scope: String?
        var exp: Double?
        var org: String?
        var orgNumber: String?

        enum CodingKeys: String, CodingKey {
            case scope, exp
            case org = "urn:altinn:org"
            case orgNumber = "urn:altinn:orgNumber"
        }
    }

    /// The scopes, space-separated.
    public var scope: String?
    /// The org claim (`urn:altinn:org`), present only for service-owner scopes.
    public var org: String?
    /// The organisation number.
    public var orgNumber: String?
    /// The expiry.
    public var expiresAt: Date?

    /// Reads the claims of `token`.
    public init(token: String) throws {
        let claims = try CompactJWS(token).claims(as: Claims.self)
        scope = claims.scope
        org = claims.org
        orgNumber = claims.orgNumber
        expiresAt = claims.exp.map { Date(timeIntervalSince1970: $0) }
    }
}
