#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// A bearer token and when it expires: a Maskinporten token or an Altinn token.
///
/// The description and mirror show only the expiry, never the token.
public struct AccessToken: Sendable, Equatable, Codable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The token, to send as `Authorization: Bearer <value>`.
    public let value: String
    /// When the token stops being accepted.
    public let expiresAt: Date
    /// When the token was issued: its JWT `iat`, else when it was received; nil when neither is known.
    public let issuedAt: Date?

    /// Creates a token with a known expiry; when it is a JWT, its `iat` is the time of issue.
    public init(value: String, expiresAt: Date) {
        self.value = value
        self.expiresAt = expiresAt
        issuedAt = CompactJWS.unverifiedIssuedAt(of: value)
    }

    /// Creates a token whose expiry is read from its own JWT `exp`, falling back to `expiresIn` seconds
    /// after `receivedAt`, and to `receivedAt` itself (use once) when neither is known.
    ///
    /// The token's own `exp` wins because an exchanged token's lifetime is independent of the response it
    /// came in (Altinn's exchange issues 30 minutes whatever Maskinporten's token had left).
    public init(value: String, expiresIn: TimeInterval?, receivedAt: Date) {
        self.value = value
        if let exp = CompactJWS.unverifiedExpiry(of: value) {
            expiresAt = exp
        } else {
            expiresAt = receivedAt.addingTimeInterval(max(0, expiresIn ?? 0))
        }
        issuedAt = CompactJWS.unverifiedIssuedAt(of: value) ?? receivedAt
    }

    /// How long the token is valid from issue to expiry, when the time of issue is known.
    public var lifetime: TimeInterval? {
        issuedAt.map { max(0, expiresAt.timeIntervalSince($0)) }
    }

    /// The seconds left at `now`; negative once expired.
    public func remainingLifetime(at now: Date) -> TimeInterval {
        expiresAt.timeIntervalSince(now)
    }

    /// Two tokens are the same when their value and expiry are; the time of issue is derived from them.
    public static func == (lhs: AccessToken, rhs: AccessToken) -> Bool {
        lhs.value == rhs.value && lhs.expiresAt == rhs.expiresAt
    }

    /// The `Authorization` header value.
    public var authorizationHeader: String { "Bearer \(value)" }

    public var description: String {
        "AccessToken(…, expires \(Date.ISO8601FormatStyle().format(expiresAt)))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror { Mirror(self, children: ["expiresAt": expiresAt]) }
}
