/// Why Maskinporten refused a grant: the OAuth error, its description and the MP code Maskinporten puts
/// in it (`error_description` then ends with `(MP-xxx)`).
struct GrantRejection: Error, Sendable, Equatable {
    /// `invalid_request`, `unsupported_grant_type`, `invalid_grant` or `invalid_scope`.
    let error: String
    /// The text before the code.
    let text: String
    /// The MP code, e.g. `MP-110`; nil for a request refused before its grant is read.
    let code: String?

    /// The `error_description` as sent.
    var description: String { code.map { "\(text) (\($0))" } ?? text }

    static let notAForm = GrantRejection(
        error: "invalid_request", text: "Invalid request. Content-Type must be application/x-www-form-urlencoded",
        code: nil)
    static let unsupportedGrantType = GrantRejection(
        error: "unsupported_grant_type",
        text: "Invalid grant_type. Expected urn:ietf:params:oauth:grant-type:jwt-bearer",
        code: nil)

    static let clientAuthFailed = "Invalid assertion. Client authentication failed."

    static let malformed = GrantRejection(
        error: "invalid_request", text: "Invalid assertion. Invalid parameter value", code: "MP-011")
    static func unknownClaim(_ name: String) -> GrantRejection {
        GrantRejection(error: "invalid_request", text: "Invalid assertion. Unknown claim \(name)", code: "MP-011")
    }
    static func badClaim(_ name: String) -> GrantRejection {
        GrantRejection(
            error: "invalid_request", text: "Invalid assertion. Missing or invalid claim \(name)", code: "MP-011")
    }
    static let unsupportedAlgorithm = GrantRejection(
        error: "invalid_grant", text: "\(clientAuthFailed) Unsupported JWT algorithm", code: "MP-124")
    static let invalidX5C = GrantRejection(error: "invalid_grant", text: "Invalid JWT header x5c", code: "MP-123")
    static let noKeyReference = GrantRejection(
        error: "invalid_grant", text: "\(clientAuthFailed) The JWT header must carry kid or x5c", code: "MP-123")
    static let clientNotFound = GrantRejection(
        error: "invalid_grant", text: "\(clientAuthFailed) Client not found", code: "MP-100")
    static let invalidCertificate = GrantRejection(
        error: "invalid_grant", text: "\(clientAuthFailed) The JWT is signed with an invalid certificate",
        code: "MP-120")
    static let invalidSignature = GrantRejection(
        error: "invalid_grant", text: "\(clientAuthFailed) Invalid JWT signature", code: "MP-124")
    static let invalidAudience = GrantRejection(
        error: "invalid_grant", text: "\(clientAuthFailed) Invalid JWT claim aud", code: "MP-110")
    static let issuedInFuture = GrantRejection(
        error: "invalid_grant", text: "\(clientAuthFailed) Issue time is after now", code: "MP-130")
    static let expired = GrantRejection(
        error: "invalid_grant", text: "\(clientAuthFailed) JWT is expired", code: "MP-130")
    static let lifetimeTooLong = GrantRejection(
        error: "invalid_grant", text: "\(clientAuthFailed) Maximum 120 seconds allowed (exp - iat <= 120)",
        code: "MP-130")
    static let reused = GrantRejection(error: "invalid_grant", text: "Grant is used before", code: "MP-012")
    static let invalidScope = GrantRejection(
        error: "invalid_scope", text: "Token request contains invalid scopes for client", code: "MP-200")
}
