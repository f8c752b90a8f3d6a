import Foundation
internal import Maskinporten

/// ``SimulatorCrypto`` over the Maskinporten module's RSA keys (OpenSSL).
struct RSACrypto: SimulatorCrypto {
    func makeTokenKey() throws -> any TokenKey {
        try RSATokenKey(privateKey: RSAPrivateKey.generate())
    }

    func verifier(publicKeyPEM: String) throws -> any GrantKeyVerifier {
        RSAGrantVerifier(key: try RSAPublicKey(pem: publicKeyPEM))
    }

    func verifier(certificateDER: Data) throws -> any GrantKeyVerifier {
        RSAGrantVerifier(key: try Certificate(der: certificateDER).publicKey())
    }

    func generateClientKey() throws -> GeneratedClientKey {
        let key = try RSAPrivateKey.generate()
        return GeneratedClientKey(privateKeyPEM: try key.pkcs8PEM(), publicKeyPEM: try key.publicKey().pem())
    }

    /// The keys for the simulator's own tokens, made once per process: generating RSA keys is slow, and
    /// a test suite starts many simulators.
    static let sharedTokenKeys: Result<(maskinporten: any TokenKey, altinn: any TokenKey), any Error> = Result {
        (try RSACrypto().makeTokenKey(), try RSACrypto().makeTokenKey())
    }
}

/// An RSA key pair signing RS256 tokens.
struct RSATokenKey: TokenKey {
    let privateKey: RSAPrivateKey
    let publicKey: RSAPublicKey

    init(privateKey: RSAPrivateKey) throws {
        self.privateKey = privateKey
        publicKey = try privateKey.publicKey()
    }

    func sign(_ input: Data) throws -> Data {
        try privateKey.sign(input, algorithm: .rs256)
    }

    func verify(_ signature: Data, over input: Data) -> Bool {
        publicKey.verify(signature, over: input, algorithm: .rs256)
    }
}

/// A registered RSA public key checking grant signatures.
struct RSAGrantVerifier: GrantKeyVerifier {
    let key: RSAPublicKey

    func verify(_ signature: Data, over input: Data, algorithm: String) -> Bool {
        guard let algorithm = JWSAlgorithm(rawValue: algorithm) else { return false }
        return key.verify(signature, over: input, algorithm: algorithm)
    }
}
