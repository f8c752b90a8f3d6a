internal import COpenSSL

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// An X.509 certificate, such as a Norwegian business certificate (virksomhetssertifikat).
///
/// Owns its `X509` and frees it exactly once, in `deinit`. The fields a service owner needs in a log line
/// (subject, issuer, serial, validity) are read once at creation.
// Thread model: `@unchecked Sendable` because `pointer` and every other property are set in `init` and
// never mutated afterwards; OpenSSL only reads an X509 that nobody modifies.
public final class Certificate: @unchecked Sendable, CustomStringConvertible {
    let pointer: OpaquePointer

    /// The DER encoding, as carried base64-encoded in a JWS `x5c` header.
    public let der: Data
    /// The subject distinguished name in RFC 2253 form, e.g. `CN=EXAMPLE AS,O=EXAMPLE AS,C=NO`.
    public let subject: String
    /// The issuer distinguished name in RFC 2253 form.
    public let issuer: String
    /// The serial number as uppercase hex.
    public let serialNumber: String
    /// The start of the validity period.
    public let notBefore: Date
    /// The end of the validity period.
    public let notAfter: Date

    /// Takes ownership of `pointer`.
    init(adopting pointer: OpaquePointer) {
        self.pointer = pointer
        der = Self.encode(pointer)
        subject = Self.name(X509_get_subject_name(pointer))
        issuer = Self.name(X509_get_issuer_name(pointer))
        serialNumber = Self.serial(pointer)
        notBefore = Self.date(X509_get0_notBefore(pointer)) ?? .distantFuture
        notAfter = Self.date(X509_get0_notAfter(pointer)) ?? .distantPast
    }

    deinit {
        X509_free(pointer)
    }

    /// Reads a DER certificate.
    public convenience init(der: Data) throws(KeyLoadError) {
        let pointer: OpaquePointer
        do {
            pointer = try OpenSSLCall.pointer("read a DER certificate") {
                der.withUnsafeBytes { bytes -> OpaquePointer? in
                    var cursor = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
                    return d2i_X509(nil, &cursor, bytes.count)
                }
            }
        } catch {
            throw KeyLoadError(.malformed, "the bytes are not a DER certificate", underlying: error)
        }
        self.init(adopting: pointer)
    }

    /// Reads every `CERTIFICATE` block of a PEM text, in order.
    public static func chain(pem: String) throws(KeyLoadError) -> [Certificate] {
        var certificates: [Certificate] = []
        do throws(OpenSSLError) {
            let bio = try MemoryBIO(Data(pem.utf8))
            while let pointer = PEM_read_bio_X509(bio.pointer, nil, nil, nil) {
                certificates.append(Certificate(adopting: pointer))
            }
            // Reading stops with a "no start line" error at the end of the text; that is expected.
            OpenSSLCall.clearErrors()
        } catch {
            throw KeyLoadError(.crypto, "\(error)", underlying: error)
        }
        guard !certificates.isEmpty else {
            throw KeyLoadError(.malformed, "the text holds no PEM certificate")
        }
        return certificates
    }

    /// The certificate's public key; it must be RSA.
    public func publicKey() throws(KeyLoadError) -> RSAPublicKey {
        guard let key = X509_get_pubkey(pointer) else {
            throw KeyLoadError(.malformed, "the certificate \(subject) has no readable public key")
        }
        let owned = OwnedKey(key)
        guard owned.typeID == EVP_PKEY_RSA else {
            throw KeyLoadError(
                .unsupportedKeyType, "the certificate \(subject) holds a \(owned.typeName) key, not RSA")
        }
        return RSAPublicKey(adopting: owned)
    }

    /// Whether `key` is the private half of this certificate's public key.
    func matches(_ key: RSAPrivateKey) -> Bool {
        defer { OpenSSLCall.clearErrors() }
        return X509_check_private_key(pointer, key.pointer) == 1
    }

    /// Whether the certificate names itself as issuer (a root or a self-signed certificate).
    public var isSelfIssued: Bool { subject == issuer }

    /// The DER encoding in standard base64 with padding, as one `x5c` array element (RFC 7515 section 4.1.6).
    public var x5cValue: String { der.base64EncodedString() }

    public var description: String {
        let formatter = Date.ISO8601FormatStyle()
        return "Certificate(subject: \(subject), issuer: \(issuer), serial: \(serialNumber), "
            + "valid \(formatter.format(notBefore)) to \(formatter.format(notAfter)))"
    }

    // MARK: Reading fields

    private static func encode(_ pointer: OpaquePointer) -> Data {
        var buffer: UnsafeMutablePointer<UInt8>?
        let length = i2d_X509(pointer, &buffer)
        guard length > 0, let buffer else { return Data() }
        defer { copenssl_free(buffer) }
        return Data(bytes: buffer, count: Int(length))
    }

    private static func name(_ name: OpaquePointer?) -> String {
        guard let name, let bio = try? MemoryBIO() else { return "?" }
        guard X509_NAME_print_ex(bio.pointer, name, 0, copenssl_xn_flag_rfc2253_utf8()) >= 0 else { return "?" }
        return bio.text()
    }

    private static func serial(_ pointer: OpaquePointer) -> String {
        guard let number = ASN1_INTEGER_to_BN(X509_get0_serialNumber(pointer), nil) else { return "?" }
        defer { BN_free(number) }
        guard let hex = BN_bn2hex(number) else { return "?" }
        defer { copenssl_free(hex) }
        return String(cString: hex)
    }

    private static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date? {
        guard let time else { return nil }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }
}
