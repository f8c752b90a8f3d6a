internal import COpenSSL
import CurlHTTP

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Reads an RSA private key from a PEM file (PKCS#1 `RSA PRIVATE KEY`, PKCS#8 `PRIVATE KEY`, or encrypted
/// PKCS#8 `ENCRYPTED PRIVATE KEY` with a password), or from unencrypted DER.
///
/// Files of the wrong kind are recognised by their PEM labels (or their shape) so that the error says what
/// the file is and what was expected instead.
enum PEMKeyReader {
    static func read(_ file: KeyFile, password: String?) throws(KeyLoadError) -> RSAPrivateKey {
        let labels = file.pemLabels
        guard !labels.isEmpty else { return try readBinary(file) }
        let privateLabels = labels.filter { $0.hasSuffix("PRIVATE KEY") }
        guard let label = privateLabels.first else { throw wrongKind(file, labels: labels) }
        switch label {
        case "OPENSSH PRIVATE KEY":
            throw KeyLoadError(
                .malformed, file: file.path,
                "the key is in OpenSSH's own format; convert it to PKCS#8 PEM with "
                    + "`openssl pkey -in <file> -out key.pem` after `ssh-keygen -p -m PKCS8 -f <file>`")
        case "EC PRIVATE KEY", "DSA PRIVATE KEY":
            let type = label.hasPrefix("EC") ? "EC" : "DSA"
            throw KeyLoadError(
                .unsupportedKeyType, file: file.path,
                "the key is \(type), but Maskinporten accepts only RSA keys (RS256, RS384, RS512); "
                    + "generate an RSA key of 2048 bits or more")
        default: break
        }
        let encrypted = label == "ENCRYPTED PRIVATE KEY" || file.text.contains("Proc-Type: 4,ENCRYPTED")
        if encrypted, password == nil {
            throw KeyLoadError(
                .missingPassword, file: file.path,
                "the private key is encrypted; give its password through the key's password setting")
        }
        let key: OpaquePointer
        do {
            let bio = try MemoryBIO(file.contents)
            key = try OpenSSLCall.pointer("read the PEM private key") {
                copenssl_pem_read_private_key(bio.pointer, encrypted ? password : nil)
            }
        } catch {
            if encrypted {
                throw KeyLoadError(
                    .wrongPassword, file: file.path, "the password does not decrypt the private key",
                    underlying: error)
            }
            throw KeyLoadError(.malformed, file: file.path, "the PEM private key cannot be read", underlying: error)
        }
        return try RSAPrivateKey.validated(OwnedKey(key), file: file.path)
    }

    /// A file without PEM labels: unencrypted DER (PKCS#1 or PKCS#8), or a file of another kind.
    private static func readBinary(_ file: KeyFile) throws(KeyLoadError) -> RSAPrivateKey {
        let key = file.contents.withUnsafeBytes { bytes -> OpaquePointer? in
            var cursor = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
            return d2i_AutoPrivateKey(nil, &cursor, bytes.count)
        }
        OpenSSLCall.clearErrors()
        if let key { return try RSAPrivateKey.validated(OwnedKey(key), file: file.path) }
        if PKCS12Reader.isPKCS12(file.contents) {
            throw KeyLoadError(
                .notAPrivateKey, file: file.path,
                "this is a PKCS#12 (.p12/.pfx) file, not a PEM private key; set the key type to pkcs12")
        }
        if file.text.trimming(.whitespacesAndNewlines).hasPrefix("{") {
            throw KeyLoadError(
                .notAPrivateKey, file: file.path,
                "this looks like a JSON Web Key, not a PEM private key; set the key type to jwk")
        }
        throw KeyLoadError(
            .malformed, file: file.path,
            "the file is not a PEM private key (expected a \"-----BEGIN PRIVATE KEY-----\" "
                + "or \"-----BEGIN RSA PRIVATE KEY-----\" block)")
    }

    private static func wrongKind(_ file: KeyFile, labels: [String]) -> KeyLoadError {
        let what: String
        if labels.contains("CERTIFICATE") || labels.contains("TRUSTED CERTIFICATE") {
            what =
                "the file holds a certificate, not a private key. A certificate contains only the public key; "
                + "give the private key file (with a business certificate, use the .p12 file and key type pkcs12)"
        } else if labels.contains("PUBLIC KEY") || labels.contains("RSA PUBLIC KEY") {
            what =
                "the file holds a public key, not a private key. The public key is what you register with "
                + "Maskinporten; signing needs the private key it was made from"
        } else {
            what = "the file holds \(labels.map { "\"\($0)\"" }.joined(separator: ", ")), not a private key"
        }
        return KeyLoadError(.notAPrivateKey, file: file.path, what)
    }
}
