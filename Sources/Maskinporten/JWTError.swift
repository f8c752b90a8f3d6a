/// Why a compact JWS could not be read or verified.
public enum JWTError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is not three base64url parts separated by dots, or a part is not the expected JSON.
    case malformed(String)
    /// The header names an algorithm other than RS256, RS384 or RS512 (including `none`).
    case unsupportedAlgorithm(String)
    /// The signature does not verify with the given key.
    case invalidSignature

    public var description: String {
        switch self {
        case .malformed(let reason): "malformed JWT: \(reason)"
        case .unsupportedAlgorithm(let alg): "unsupported JWT algorithm \"\(alg)\"; only RS256, RS384, RS512"
        case .invalidSignature: "the JWT signature does not verify"
        }
    }
}
