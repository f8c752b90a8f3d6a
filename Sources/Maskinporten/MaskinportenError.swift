/// A token request that failed, with what Maskinporten said and the usual cause.
///
/// Safe to log: it quotes Maskinporten's `error` and `error_description`, which name problems and never
/// echo the assertion.
public struct MaskinportenError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure. Extensible: compare with the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        enum Base: String, Hashable, Sendable {
            case rejected = "token request rejected"
            case unavailable = "Maskinporten unavailable"
            case invalidResponse = "invalid token response"
        }

        let base: Base

        /// Maskinporten refused the grant (4xx): an authentication problem that retrying will not fix.
        public static let rejected = Code(base: .rejected)
        /// Maskinporten could not be reached or failed (network, timeout, 5xx, 429), after retries.
        public static let unavailable = Code(base: .unavailable)
        /// A 2xx response without a usable token.
        public static let invalidResponse = Code(base: .invalidResponse)

        /// A short, stable text, usable as a metrics label.
        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public var code: Code
    /// The HTTP status, when Maskinporten answered.
    public var status: Int?
    /// The OAuth `error`, e.g. `invalid_grant`.
    public var error: String?
    /// The OAuth `error_description`, usually starting with an `MP-xxx` id.
    public var errorDescription: String?
    /// The usual cause and fix, when the error is a known one.
    public var hint: String?
    /// More detail: the transport's message, or what was wrong with the response.
    public var detail: String
    /// How many token requests were made.
    public var attempts: Int

    /// Creates an error; the ``hint`` is looked up from `error` and `errorDescription`.
    ///
    /// - Parameter identification: how the refused grant named its key, when known, so that a `kid` problem
    ///   gets a `kid` remedy and a certificate problem a certificate remedy.
    public init(
        code: Code, status: Int? = nil, error: String? = nil, errorDescription: String? = nil, detail: String = "",
        attempts: Int = 1, identification: KeyIdentification? = nil
    ) {
        self.code = code
        self.status = status
        self.error = error
        self.errorDescription = errorDescription
        self.detail = detail
        self.attempts = attempts
        hint = MaskinportenErrorHint.hint(
            error: error, description: errorDescription, status: status, identification: identification)
    }

    /// Whether trying again later may succeed (exit 75 rather than 77).
    public var isTransient: Bool { code == .unavailable }

    public var description: String {
        message + (hint.map { ". Hint: \($0)" } ?? "")
    }

    /// What happened and what Maskinporten said, without the ``hint``: for callers that show the hint apart.
    public var message: String {
        var text: String
        switch code {
        case .rejected: text = "Maskinporten refused the token request"
        case .unavailable: text = "Maskinporten is unavailable"
        default: text = "Maskinporten sent an invalid token response"
        }
        if let status { text += " (HTTP \(status))" }
        let quoted = [error, errorDescription].compactMap { $0 }.filter { !$0.isEmpty }
        if !quoted.isEmpty { text += ": \(quoted.joined(separator: ": "))" }
        if !detail.isEmpty { text += quoted.isEmpty ? ": \(detail)" : " (\(detail))" }
        if attempts > 1 { text += " after \(attempts) attempts" }
        return text
    }
}
