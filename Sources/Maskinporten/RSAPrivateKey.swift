internal import COpenSSL

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// An RSA private key that signs grants.
///
/// Owns its `EVP_PKEY` and frees it exactly once, in `deinit`. The description shows only the size.
// Thread model: `@unchecked Sendable` because `pointer` is set in `init` and never mutated or replaced
// afterwards; OpenSSL 3 allows concurrent signing with one constructed EVP_PKEY, and every signature uses
// its own per-call digest context (see `SignatureOperations`).
public final class RSAPrivateKey: @unchecked Sendable, CustomStringConvertible, CustomReflectable {
    let pointer: OpaquePointer

    /// The modulus size in bits.
    public let bitCount: Int

    /// The smallest modulus accepted, in bits.
    public static let minimumBits = 2048

    /// Takes ownership of `key` without checks; use ``validated(_:file:)`` for keys from outside.
    init(adopting key: consuming OwnedKey) {
        bitCount = key.bits
        pointer = key.release()
    }

    deinit {
        EVP_PKEY_free(pointer)
    }

    /// Checks that `key` is an RSA key of at least ``minimumBits`` that can sign, then takes ownership.
    static func validated(_ key: consuming OwnedKey, file: String?) throws(KeyLoadError) -> RSAPrivateKey {
        guard key.typeID == EVP_PKEY_RSA else {
            throw KeyLoadError(
                .unsupportedKeyType, file: file,
                "the key is \(key.typeName), but Maskinporten accepts only RSA keys (RS256, RS384, RS512); "
                    + "generate an RSA key of 2048 bits or more")
        }
        guard key.bits >= minimumBits else {
            throw KeyLoadError(
                .keyTooSmall, file: file,
                "the RSA key has \(key.bits) bits; at least \(minimumBits) are required, generate a new key")
        }
        let privateKey = RSAPrivateKey(adopting: key)
        try privateKey.selfTest(file: file)
        return privateKey
    }

    /// Signs and verifies a fixed message, which catches private members that do not match the public ones
    /// (a hand-edited JWK, a damaged file) before Maskinporten does.
    private func selfTest(file: String?) throws(KeyLoadError) {
        let message = Data("altinn-sync key check".utf8)
        let signature: Data
        do {
            signature = try SignatureOperations.sign(message, algorithm: .rs256, key: pointer)
        } catch {
            throw KeyLoadError(
                .malformed, file: file, "the key cannot sign; the file may be damaged", underlying: error)
        }
        guard (try? SignatureOperations.verify(signature, over: message, algorithm: .rs256, key: pointer)) == true
        else {
            throw KeyLoadError(
                .keyMismatch, file: file, "the key's private part does not match its public part; the file is damaged")
        }
    }

    /// Generates a new RSA key, for the simulator, demos and tests.
    ///
    /// - Parameter bits: the modulus size, at least ``minimumBits`` (2048 or 3072 are usual).
    public static func generate(bits: Int = 2048) throws -> RSAPrivateKey {
        precondition(bits >= minimumBits, "RSA keys for Maskinporten need at least \(minimumBits) bits")
        let context = try OpenSSLCall.pointer("create an RSA key generator") {
            EVP_PKEY_CTX_new_from_name(nil, "RSA", nil)
        }
        defer { EVP_PKEY_CTX_free(context) }
        try OpenSSLCall.check("start RSA key generation") { EVP_PKEY_keygen_init(context) > 0 ? 1 : 0 }
        try OpenSSLCall.check("set the RSA key size") {
            EVP_PKEY_CTX_set_rsa_keygen_bits(context, Int32(bits)) > 0 ? 1 : 0
        }
        var key: OpaquePointer?
        try OpenSSLCall.check("generate an RSA key") { EVP_PKEY_generate(context, &key) > 0 ? 1 : 0 }
        guard let key else { throw OpenSSLCall.drain("generate an RSA key") }
        return RSAPrivateKey(adopting: OwnedKey(key))
    }

    /// Signs `message` with `algorithm`.
    public func sign(_ message: Data, algorithm: JWSAlgorithm = .rs256) throws -> Data {
        try SignatureOperations.sign(message, algorithm: algorithm, key: pointer)
    }

    /// The matching public key.
    public func publicKey() throws -> RSAPublicKey {
        var buffer: UnsafeMutablePointer<UInt8>?
        let length = i2d_PUBKEY(pointer, &buffer)
        guard length > 0, let buffer else { throw OpenSSLCall.drain("encode the public key") }
        defer { copenssl_free(buffer) }
        return try RSAPublicKey(der: Data(bytes: buffer, count: Int(length)))
    }

    /// The private key as an unencrypted PKCS#8 PEM (`BEGIN PRIVATE KEY`) block.
    ///
    /// The result is a secret: write it only to a file of mode 0600, never to a log.
    public func pkcs8PEM() throws -> String {
        let bio = try MemoryBIO()
        try OpenSSLCall.check("write a PKCS#8 private key") {
            PEM_write_bio_PrivateKey(bio.pointer, pointer, nil, nil, 0, nil, nil)
        }
        return bio.text()
    }

    public var description: String { "RSAPrivateKey(\(bitCount) bits)" }

    public var customMirror: Mirror { Mirror(self, children: ["bitCount": bitCount], displayStyle: .class) }
}
