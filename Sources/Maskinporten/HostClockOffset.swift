/// How far this host's clock is from Maskinporten's, measured from the `Date` header of a token response.
///
/// Its description says which way the host is off, in the words an operator acts on: "the host clock is 95 s
/// behind Maskinporten's".
public struct HostClockOffset: Sendable, Equatable, CustomStringConvertible {
    /// Maskinporten's clock minus the host's, in seconds: positive when the host is behind.
    public var seconds: Double

    /// An offset of `seconds`, Maskinporten's clock minus the host's (``MaskinportenToken/clockSkew``).
    public init(maskinportenMinusHost seconds: Double) {
        self.seconds = seconds
    }

    /// The offset in whole seconds, without its direction.
    public var magnitude: Int { Int(abs(seconds).rounded()) }

    /// Whether the host clock is behind Maskinporten's (a grant then looks old on arrival).
    public var hostIsBehind: Bool { seconds > 0 }

    public var description: String {
        guard magnitude > 0 else { return "the host clock agrees with Maskinporten's (to the second)" }
        return "the host clock is \(magnitude) s \(hostIsBehind ? "behind" : "ahead of") Maskinporten's"
    }
}
