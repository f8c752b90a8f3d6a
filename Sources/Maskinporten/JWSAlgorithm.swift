internal import COpenSSL

/// The JWS signature algorithms Maskinporten accepts: RSASSA-PKCS1-v1_5 with SHA-2.
public enum JWSAlgorithm: String, Sendable, Codable, CaseIterable {
    /// RSASSA-PKCS1-v1_5 with SHA-256, the algorithm every Maskinporten client uses.
    case rs256 = "RS256"
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    case rs384 = "RS384"
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    case rs512 = "RS512"

    /// OpenSSL's digest for the algorithm.
    var digest: OpaquePointer? {
        switch self {
        case .rs256: EVP_sha256()
        case .rs384: EVP_sha384()
        case .rs512: EVP_sha512()
        }
    }
}
