internal import COpenSSL

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// An RSA public key, for verifying JWS signatures and for registering a client's key with Maskinporten.
///
/// Owns its `EVP_PKEY` and frees it exactly once, in `deinit`.
// Thread model: `@unchecked Sendable` because `pointer` is set in `init` and never mutated or replaced
// afterwards; OpenSSL 3 allows concurrent verification with one constructed EVP_PKEY, and every
// operation here uses its own per-call context.
public final class RSAPublicKey: @unchecked Sendable, CustomStringConvertible {
    let pointer: OpaquePointer

    /// The modulus size in bits.
    public let bitCount: Int

    /// Takes ownership of `key`, which must be an RSA key.
    init(adopting key: consuming OwnedKey) {
        bitCount = key.bits
        pointer = key.release()
    }

    deinit {
        EVP_PKEY_free(pointer)
    }

    /// Reads a PEM `PUBLIC KEY` (SubjectPublicKeyInfo) block.
    public convenience init(pem: String) throws(KeyLoadError) {
        let bio: MemoryBIO
        do { bio = try MemoryBIO(Data(pem.utf8)) } catch { throw KeyLoadError(.crypto, "\(error)", underlying: error) }
        let key: OpaquePointer
        do {
            key = try OpenSSLCall.pointer("read a PEM public key") { PEM_read_bio_PUBKEY(bio.pointer, nil, nil, nil) }
        } catch {
            throw KeyLoadError(.malformed, "the text is not a PEM public key", underlying: error)
        }
        try self.init(adopting: Self.requireRSA(OwnedKey(key)))
    }

    /// Reads a DER SubjectPublicKeyInfo, as found in a certificate.
    public convenience init(der: Data) throws(KeyLoadError) {
        let key: OpaquePointer
        do {
            key = try OpenSSLCall.pointer("read a DER public key") {
                der.withUnsafeBytes { bytes -> OpaquePointer? in
                    var cursor = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
                    return d2i_PUBKEY(nil, &cursor, bytes.count)
                }
            }
        } catch {
            throw KeyLoadError(.malformed, "the bytes are not a DER public key", underlying: error)
        }
        try self.init(adopting: Self.requireRSA(OwnedKey(key)))
    }

    /// Builds the key from the `n` and `e` members of an RSA JWK (private members are ignored).
    public convenience init(jwk: JSONWebKey) throws(KeyLoadError) {
        guard jwk.kty == "RSA" else {
            throw KeyLoadError(.unsupportedKeyType, "the JWK has kty \"\(jwk.kty)\"; Maskinporten needs an RSA key")
        }
        guard let n = jwk.n.flatMap(Base64URL.decode), let e = jwk.e.flatMap(Base64URL.decode) else {
            throw KeyLoadError(.incompleteJWK, "the JWK lacks a valid \"n\" or \"e\" member")
        }
        let key = try RSAKeyBuilder.build(members: [("n", n), ("e", e)], selection: copenssl_evp_pkey_public_key())
        self.init(adopting: key)
    }

    private static func requireRSA(_ key: consuming OwnedKey) throws(KeyLoadError) -> OwnedKey {
        guard key.typeID == EVP_PKEY_RSA else {
            throw KeyLoadError(.unsupportedKeyType, "the public key is \(key.typeName), not RSA")
        }
        return key
    }

    /// Whether `signature` is a valid `algorithm` signature of `message` under this key.
    public func verify(_ signature: Data, over message: Data, algorithm: JWSAlgorithm) -> Bool {
        (try? SignatureOperations.verify(signature, over: message, algorithm: algorithm, key: pointer)) ?? false
    }

    /// The key as a PEM `PUBLIC KEY` block.
    public func pem() throws -> String {
        let bio = try MemoryBIO()
        try OpenSSLCall.check("write a PEM public key") { PEM_write_bio_PUBKEY(bio.pointer, pointer) }
        return bio.text()
    }

    /// The key as DER SubjectPublicKeyInfo.
    public func der() throws -> Data {
        var buffer: UnsafeMutablePointer<UInt8>?
        let length = i2d_PUBKEY(pointer, &buffer)
        guard length > 0, let buffer else { throw OpenSSLCall.drain("encode a DER public key") }
        defer { copenssl_free(buffer) }
        return Data(bytes: buffer, count: Int(length))
    }

    /// The key as a public JWK with `use` = `sig`, for registering with a Maskinporten client.
    public func jwk(kid: String?, algorithm: JWSAlgorithm = .rs256) throws -> JSONWebKey {
        JSONWebKey(
            kty: "RSA", kid: kid, use: "sig", alg: algorithm.rawValue,
            n: Base64URL.encode(try SignatureOperations.bigNumber("n", of: pointer)),
            e: Base64URL.encode(try SignatureOperations.bigNumber("e", of: pointer)))
    }

    public var description: String { "RSAPublicKey(\(bitCount) bits)" }
}
