internal import COpenSSL

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Builds an RSA `EVP_PKEY` from its numbers with `OSSL_PARAM_BLD` and `EVP_PKEY_fromdata`.
enum RSAKeyBuilder {
    /// OpenSSL's parameter names for the JWK members, in JWK order.
    static let parameterNames: [String: String] = [
        "n": "n", "e": "e", "d": "d", "p": "rsa-factor1", "q": "rsa-factor2", "dp": "rsa-exponent1",
        "dq": "rsa-exponent2", "qi": "rsa-coefficient1",
    ]

    /// Builds a key from `(JWK member name, big-endian bytes)` pairs.
    ///
    /// - Parameter selection: `EVP_PKEY_KEYPAIR` for a private key, `EVP_PKEY_PUBLIC_KEY` for a public one.
    static func build(members: [(String, Data)], selection: Int32) throws(KeyLoadError) -> OwnedKey {
        do throws(OpenSSLError) {
            let builder = try OpenSSLCall.pointer("create a parameter builder") { OSSL_PARAM_BLD_new() }
            defer { OSSL_PARAM_BLD_free(builder) }
            var numbers: [OpaquePointer] = []
            defer { numbers.forEach { BN_clear_free($0) } }
            // The builder keeps the name pointers until `OSSL_PARAM_BLD_to_param`, so they must outlive the
            // push calls: Swift's temporary C strings would not.
            var names: [UnsafeMutablePointer<CChar>] = []
            defer { names.forEach { free($0) } }
            for (member, bytes) in members {
                guard let name = parameterNames[member] else { continue }
                let number = try OpenSSLCall.pointer("convert the JWK member \(member)") {
                    bytes.withUnsafeBytes { raw in
                        BN_bin2bn(raw.baseAddress?.assumingMemoryBound(to: UInt8.self), Int32(raw.count), nil)
                    }
                }
                numbers.append(number)
                let cName = try OpenSSLCall.pointer("copy a parameter name") { strdup(name) }
                names.append(cName)
                try OpenSSLCall.check("add the RSA parameter \(name)") {
                    OSSL_PARAM_BLD_push_BN(builder, cName, number)
                }
            }
            let parameters = try OpenSSLCall.pointer("build RSA parameters") { OSSL_PARAM_BLD_to_param(builder) }
            defer { OSSL_PARAM_free(parameters) }
            let context = try OpenSSLCall.pointer("create an RSA key context") {
                EVP_PKEY_CTX_new_from_name(nil, "RSA", nil)
            }
            defer { EVP_PKEY_CTX_free(context) }
            try OpenSSLCall.check("start building an RSA key") { EVP_PKEY_fromdata_init(context) }
            var key: OpaquePointer?
            try OpenSSLCall.check("build an RSA key from the JWK") {
                EVP_PKEY_fromdata(context, &key, selection, parameters)
            }
            guard let key else { throw OpenSSLCall.drain("build an RSA key from the JWK") }
            return OwnedKey(key)
        } catch {
            throw KeyLoadError(.malformed, "the JWK's numbers do not form an RSA key", underlying: error)
        }
    }
}
