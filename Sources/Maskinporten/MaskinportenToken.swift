/// A token from Maskinporten's token endpoint, with what the response told about the host's clock.
public struct MaskinportenToken: Sendable, CustomStringConvertible {
    /// The access token; its expiry is read from its own `exp`, else from `expires_in`.
    public var token: AccessToken
    /// The scopes granted, space-separated, when Maskinporten said.
    public var scope: String?
    /// Maskinporten's clock minus ours, in seconds, from the response's `Date` header (which has
    /// one-second resolution); nil without a usable header. Positive means this host is behind.
    public var clockSkew: Double?
    /// How many token requests were made, the successful one included.
    public var attempts: Int

    /// The skew above which the caller should warn: Maskinporten accepts `iat` within 10 s of its clock,
    /// and Altinn's APIs allow tokens no clock skew at all.
    public static let clockSkewWarningThreshold: Double = 5

    /// Whether ``clockSkew`` exceeds ``clockSkewWarningThreshold`` either way.
    public var isClockSkewed: Bool { (clockSkew.map(abs) ?? 0) > Self.clockSkewWarningThreshold }

    /// ``clockSkew`` as an offset that says which way the host clock is off.
    public var clockOffset: HostClockOffset? { clockSkew.map(HostClockOffset.init(maskinportenMinusHost:)) }

    public var description: String {
        "MaskinportenToken(\(token), scope: \(scope ?? "?")"
            + (clockSkew.map { ", clock skew \(Int($0.rounded())) s" } ?? "") + ")"
    }
}
