internal import COpenSSL

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Signing and verification over an `EVP_PKEY*`, with a fresh digest context per call.
///
/// A fresh `EVP_MD_CTX` per call is what makes a shared, immutable `EVP_PKEY` safe to use from many
/// threads at once.
enum SignatureOperations {
    static func sign(_ message: Data, algorithm: JWSAlgorithm, key: OpaquePointer) throws(OpenSSLError) -> Data {
        let context = try OpenSSLCall.pointer("allocate a digest context") { EVP_MD_CTX_new() }
        defer { EVP_MD_CTX_free(context) }
        try OpenSSLCall.check("start an \(algorithm.rawValue) signature") {
            EVP_DigestSignInit(context, nil, algorithm.digest, nil, key)
        }
        var length = 0
        try OpenSSLCall.check("size an \(algorithm.rawValue) signature") {
            message.withUnsafeBytes { bytes in
                EVP_DigestSign(
                    context, nil, &length, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count)
            }
        }
        var signature = [UInt8](repeating: 0, count: length)
        try OpenSSLCall.check("compute an \(algorithm.rawValue) signature") {
            message.withUnsafeBytes { bytes in
                EVP_DigestSign(
                    context, &signature, &length, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count)
            }
        }
        return Data(signature.prefix(length))
    }

    static func verify(
        _ signature: Data, over message: Data, algorithm: JWSAlgorithm, key: OpaquePointer
    ) throws(OpenSSLError) -> Bool {
        let context = try OpenSSLCall.pointer("allocate a digest context") { EVP_MD_CTX_new() }
        defer { EVP_MD_CTX_free(context) }
        try OpenSSLCall.check("start an \(algorithm.rawValue) verification") {
            EVP_DigestVerifyInit(context, nil, algorithm.digest, nil, key)
        }
        let result = signature.withUnsafeBytes { signatureBytes in
            message.withUnsafeBytes { messageBytes in
                EVP_DigestVerify(
                    context, signatureBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), signatureBytes.count,
                    messageBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), messageBytes.count)
            }
        }
        // 0 is a bad signature; a negative result is a malformed one. Neither is an operational failure.
        OpenSSLCall.clearErrors()
        return result == 1
    }

    /// The big-endian bytes of the BIGNUM parameter `name` (e.g. `"n"`) of `key`.
    static func bigNumber(_ name: String, of key: OpaquePointer) throws(OpenSSLError) -> Data {
        var number: OpaquePointer?
        try OpenSSLCall.check("read the RSA parameter \(name)") { EVP_PKEY_get_bn_param(key, name, &number) }
        guard let number else { throw OpenSSLCall.drain("read the RSA parameter \(name)") }
        defer { BN_clear_free(number) }
        var bytes = [UInt8](repeating: 0, count: Int((BN_num_bits(number) + 7) / 8))
        _ = BN_bn2bin(number, &bytes)
        return Data(bytes)
    }
}
