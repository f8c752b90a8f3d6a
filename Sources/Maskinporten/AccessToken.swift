public import Foundation

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

    /// Creates a token with a known expiry.
    public init(value: String, expiresAt: Date) {
        self.value = value
        self.expiresAt = expiresAt
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
    }

    /// The seconds left at `now`; negative once expired.
    public func remainingLifetime(at now: Date) -> TimeInterval {
        expiresAt.timeIntervalSince(now)
    }

    /// The `Authorization` header value.
    public var authorizationHeader: String { "Bearer \(value)" }

    public var description: String {
        "AccessToken(…, expires \(ISO8601DateFormatter().string(from: expiresAt)))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror { Mirror(self, children: ["expiresAt": expiresAt]) }
}
