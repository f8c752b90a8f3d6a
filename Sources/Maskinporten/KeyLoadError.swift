/// Why a signing key or certificate could not be used, worded for the service owner who must fix it.
///
/// The description names the file and says what to do; it never contains key material or passwords.
public struct KeyLoadError: Error, Sendable, CustomStringConvertible {
    /// The kind of problem. Extensible: compare with the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        enum Base: String, Hashable, Sendable {
            case unreadableFile = "unreadable key file"
            case missingPassword = "missing password"
            case wrongPassword = "wrong password"
            case notAPrivateKey = "not a private key"
            case unsupportedKeyType = "unsupported key type"
            case keyTooSmall = "key too small"
            case incompleteJWK = "incomplete JWK"
            case malformed = "malformed key file"
            case legacyAlgorithmUnavailable = "legacy algorithm unavailable"
            case certificateExpired = "certificate expired"
            case certificateNotYetValid = "certificate not yet valid"
            case keyMismatch = "key mismatch"
            case missingKeyID = "missing key id"
            case crypto = "cryptographic failure"
        }

        let base: Base

        /// The file could not be opened or read.
        public static let unreadableFile = Code(base: .unreadableFile)
        /// The file is encrypted and no password was given.
        public static let missingPassword = Code(base: .missingPassword)
        /// The password does not open the file.
        public static let wrongPassword = Code(base: .wrongPassword)
        /// The file holds something else where a private key is needed: a certificate, a public key.
        public static let notAPrivateKey = Code(base: .notAPrivateKey)
        /// The key is not RSA; Maskinporten needs RS256, RS384 or RS512.
        public static let unsupportedKeyType = Code(base: .unsupportedKeyType)
        /// The RSA key has fewer than 2048 bits.
        public static let keyTooSmall = Code(base: .keyTooSmall)
        /// The JWK lacks members an RSA private key needs.
        public static let incompleteJWK = Code(base: .incompleteJWK)
        /// The file is not in the expected format, or is damaged.
        public static let malformed = Code(base: .malformed)
        /// A PKCS#12 file uses RC2/RC4 and OpenSSL's `legacy` provider is not available.
        public static let legacyAlgorithmUnavailable = Code(base: .legacyAlgorithmUnavailable)
        /// The certificate's validity has ended.
        public static let certificateExpired = Code(base: .certificateExpired)
        /// The certificate's validity has not begun.
        public static let certificateNotYetValid = Code(base: .certificateNotYetValid)
        /// The private key does not belong to the certificate or public key it came with.
        public static let keyMismatch = Code(base: .keyMismatch)
        /// A key used with `kid` has none, neither in the configuration nor in the JWK.
        public static let missingKeyID = Code(base: .missingKeyID)
        /// OpenSSL failed in a way that does not point at the file.
        public static let crypto = Code(base: .crypto)

        /// A short, stable text, usable as a metrics label.
        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public var code: Code
    /// The file concerned, when there is one.
    public var file: String?
    /// What is wrong and what to do about it.
    public var message: String
    /// OpenSSL's own report, when OpenSSL was involved.
    public var underlying: OpenSSLError?

    /// Creates an error.
    public init(_ code: Code, file: String? = nil, _ message: String, underlying: OpenSSLError? = nil) {
        self.code = code
        self.file = file
        self.message = message
        self.underlying = underlying
    }

    public var description: String {
        var text = file.map { "key file \($0): \(message)" } ?? message
        if let underlying { text += " (\(underlying))" }
        return text
    }
}
