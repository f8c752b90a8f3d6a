internal import COpenSSL

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Reads the private key, its certificate and any chain from a PKCS#12 (`.p12`/`.pfx`) file.
enum PKCS12Reader {
    struct Contents {
        var key: RSAPrivateKey
        var certificate: Certificate
        var authorities: [Certificate]
    }

    /// Whether `data` parses as a PKCS#12 structure.
    static func isPKCS12(_ data: Data) -> Bool {
        defer { OpenSSLCall.clearErrors() }
        guard let bio = try? MemoryBIO(data), let p12 = d2i_PKCS12_bio(bio.pointer, nil) else { return false }
        PKCS12_free(p12)
        return true
    }

    static func read(_ file: KeyFile, password: String) throws(KeyLoadError) -> Contents {
        let p12: OpaquePointer
        do {
            let bio = try MemoryBIO(file.contents)
            p12 = try OpenSSLCall.pointer("parse the PKCS#12 structure") { d2i_PKCS12_bio(bio.pointer, nil) }
        } catch {
            if !file.pemLabels.isEmpty {
                throw KeyLoadError(
                    .malformed, file: file.path,
                    "this is a PEM file (\(file.pemLabels.joined(separator: ", "))), not PKCS#12; "
                        + "set the key type to pem")
            }
            throw KeyLoadError(
                .malformed, file: file.path, "the file is not a PKCS#12 (.p12/.pfx) file or is damaged",
                underlying: error)
        }
        defer { PKCS12_free(p12) }
        try verifyPassword(p12, password: password, file: file)

        var keyPointer: OpaquePointer?
        var certificatePointer: OpaquePointer?
        var authorityStack: OpaquePointer?
        do {
            try OpenSSLCall.check("decrypt the PKCS#12 contents") {
                PKCS12_parse(p12, password, &keyPointer, &certificatePointer, &authorityStack)
            }
        } catch {
            if error.mentions("unsupported") {
                throw legacyError(file, underlying: error)
            }
            throw KeyLoadError(.malformed, file: file.path, "the PKCS#12 contents cannot be read", underlying: error)
        }
        // Take ownership of everything at once, so nothing leaks whatever fails below.
        let certificate = certificatePointer.map { Certificate(adopting: $0) }
        var authorities: [Certificate] = []
        if let authorityStack {
            for index in 0..<copenssl_x509_stack_count(authorityStack) {
                if let pointer = copenssl_x509_stack_value(authorityStack, index), X509_up_ref(pointer) == 1 {
                    authorities.append(Certificate(adopting: pointer))
                }
            }
            copenssl_x509_stack_free(authorityStack)
        }
        guard let keyPointer else {
            throw KeyLoadError(
                .notAPrivateKey, file: file.path,
                "the PKCS#12 file holds no private key (only certificates); export it again with the private key")
        }
        let key = try RSAPrivateKey.validated(OwnedKey(keyPointer), file: file.path)
        guard let certificate else {
            throw KeyLoadError(
                .malformed, file: file.path, "the PKCS#12 file holds no certificate for its private key")
        }
        guard certificate.matches(key) else {
            throw KeyLoadError(
                .keyMismatch, file: file.path,
                "the private key does not belong to the certificate \(certificate.subject)")
        }
        return Contents(key: key, certificate: certificate, authorities: authorities)
    }

    /// Checks the integrity MAC with `password`, to tell a wrong password apart from a damaged file.
    private static func verifyPassword(_ p12: OpaquePointer, password: String, file: KeyFile) throws(KeyLoadError) {
        guard PKCS12_mac_present(p12) == 1 else { return }
        OpenSSLCall.clearErrors()
        // An empty password may have been applied as "no password" (NULL) by the exporting tool.
        if PKCS12_verify_mac(p12, password, Int32(password.utf8.count)) == 1 { return }
        if password.isEmpty, PKCS12_verify_mac(p12, nil, 0) == 1 { return }
        let error = OpenSSLCall.drain("verify the PKCS#12 password")
        if error.mentions("unsupported") { throw legacyError(file, underlying: error) }
        throw KeyLoadError(
            .wrongPassword, file: file.path,
            "the password does not open the PKCS#12 file; check the password where it comes from",
            underlying: error)
    }

    private static func legacyError(_ file: KeyFile, underlying: OpenSSLError) -> KeyLoadError {
        let cause =
            OpenSSLRuntime.isLegacyProviderAvailable
            ? "an algorithm this OpenSSL does not support"
            : "legacy encryption (RC2/RC4), and OpenSSL's legacy provider is not available "
                + "(install it, or point OPENSSL_MODULES at the folder holding legacy.so)"
        return KeyLoadError(
            .legacyAlgorithmUnavailable, file: file.path,
            "the PKCS#12 file uses \(cause). Or re-encrypt it with modern algorithms: "
                + "`openssl pkcs12 -legacy -in old.p12 -nodes | openssl pkcs12 -export -out new.p12`",
            underlying: underlying)
    }
}
