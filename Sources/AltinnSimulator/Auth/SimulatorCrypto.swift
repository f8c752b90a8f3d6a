import Foundation

/// A key pair the simulator signs its own tokens with (Maskinporten's and Altinn's), RS256.
protocol TokenKey: Sendable {
    /// The RS256 signature of `input`.
    func sign(_ input: Data) throws -> Data
    /// Whether `signature` is a valid RS256 signature of `input` by this key.
    func verify(_ signature: Data, over input: Data) -> Bool
}

/// A client's registered public key, checking grant signatures.
protocol GrantKeyVerifier: Sendable {
    /// Whether `signature` is a valid `algorithm` (`RS256`, `RS384`, `RS512`) signature of `input`.
    func verify(_ signature: Data, over input: Data, algorithm: String) -> Bool
}

/// A freshly generated client key: the private half for the client, the public half to register.
struct GeneratedClientKey: Sendable {
    /// The private key as PKCS#8 PEM; a secret.
    let privateKeyPEM: String
    /// The public key as PEM `PUBLIC KEY`.
    let publicKeyPEM: String
}

/// The RSA operations the simulator needs, behind one seam so the implementation can change.
protocol SimulatorCrypto: Sendable {
    /// A new key pair for the simulator's own tokens.
    func makeTokenKey() throws -> any TokenKey
    /// A verifier for a PEM `PUBLIC KEY`.
    func verifier(publicKeyPEM: String) throws -> any GrantKeyVerifier
    /// A verifier for the public key of a DER certificate.
    func verifier(certificateDER: Data) throws -> any GrantKeyVerifier
    /// A new RSA client key.
    func generateClientKey() throws -> GeneratedClientKey
}
