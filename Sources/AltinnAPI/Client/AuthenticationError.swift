/// Getting a token failed: Maskinporten refused the grant, or the Altinn exchange refused the Maskinporten
/// token. The message quotes the service's answer and says what usually causes it; it never holds a token.
public struct AuthenticationError: Error, Sendable, CustomStringConvertible {
    /// Which step failed.
    public enum Step: String, Sendable {
        /// Loading the key or building the grant.
        case key = "signing key"
        /// The Maskinporten token request.
        case maskinporten = "Maskinporten"
        /// The Altinn token exchange.
        case exchange = "Altinn token exchange"
    }

    /// The step that failed.
    public var step: Step
    /// What happened and what to do.
    public var message: String
    /// Whether the failure is likely to pass (network trouble, 5xx after retries) rather than a refusal.
    public var isTransient: Bool

    /// Creates an error.
    public init(step: Step, message: String, isTransient: Bool) {
        self.step = step
        self.message = message
        self.isTransient = isTransient
    }

    public var description: String { "\(step.rawValue): \(message)" }
}
