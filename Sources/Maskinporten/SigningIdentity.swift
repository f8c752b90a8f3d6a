import CurlHTTP

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// A loaded signing key with the way grants identify it, plus anything the service owner should know.
///
/// Load it with ``load(_:now:)`` from the configured ``KeySource``; log its ``warnings`` and, for
/// certificates, ``certificate`` (its description gives subject, issuer, serial and validity).
public struct SigningIdentity: Sendable {
    /// The private key that signs grants.
    public let key: RSAPrivateKey
    /// How grants name the key: `kid` or the certificate chain for `x5c`.
    public let identification: KeyIdentification
    /// Problems that do not stop signing (file permissions, a certificate near expiry); the caller logs them.
    public let warnings: [KeyWarning]

    /// How close to its expiry a certificate draws a warning.
    public static let certificateExpiryWarning: TimeInterval = 30 * 24 * 3600

    /// Creates an identity for a key registered under `kid`.
    public init(key: RSAPrivateKey, kid: String, warnings: [KeyWarning] = []) {
        self.key = key
        identification = .keyID(kid)
        self.warnings = warnings
    }

    /// Creates an identity for a business certificate; `chain` is leaf first.
    public init(key: RSAPrivateKey, certificateChain chain: [Certificate], warnings: [KeyWarning] = []) {
        precondition(!chain.isEmpty, "a certificate identity needs at least the leaf certificate")
        self.key = key
        identification = .certificateChain(chain)
        self.warnings = warnings
    }

    /// The leaf certificate, for certificate identities.
    public var certificate: Certificate? {
        if case .certificateChain(let chain) = identification { chain.first } else { nil }
    }

    /// Loads and checks the key described by `source`.
    ///
    /// - Parameter now: the time certificates are checked against.
    /// - Throws: ``KeyLoadError`` saying what is wrong with the file and what to do.
    public static func load(_ source: KeySource, now: Date = Date()) throws(KeyLoadError) -> SigningIdentity {
        let file = try KeyFile.read(source.file)
        switch source {
        case .pem(_, let kid, let password):
            let key = try PEMKeyReader.read(file, password: password)
            return SigningIdentity(key: key, kid: try requireKeyID(kid, file: file), warnings: file.warnings)
        case .jwk(_, let configuredKID):
            let (key, ownKID) = try JWKReader.read(file)
            let kid = try requireKeyID(configuredKID ?? ownKID, file: file)
            return SigningIdentity(key: key, kid: kid, warnings: file.warnings)
        case .pkcs12(_, let password):
            let contents = try PKCS12Reader.read(file, password: password)
            var warnings = file.warnings
            if let warning = try checkValidity(of: contents.certificate, at: now, file: file.path) {
                warnings.append(warning)
            }
            let chain = CertificateChain.order(leaf: contents.certificate, authorities: contents.authorities)
            return SigningIdentity(key: contents.key, certificateChain: chain, warnings: warnings)
        }
    }

    private static func requireKeyID(_ kid: String?, file: KeyFile) throws(KeyLoadError) -> String {
        guard let kid, !kid.trimming(.whitespaces).isEmpty else {
            throw KeyLoadError(
                .missingKeyID, file: file.path,
                "no key id: set key.kid to the kid the key was registered with in Maskinporten")
        }
        return kid
    }

    /// Refuses a certificate outside its validity period and warns when it ends soon.
    static func checkValidity(
        of certificate: Certificate, at now: Date, file: String?
    ) throws(KeyLoadError)
        -> KeyWarning?
    {
        let formatter = Date.ISO8601FormatStyle()
        if certificate.notAfter <= now {
            throw KeyLoadError(
                .certificateExpired, file: file,
                "the certificate \(certificate.subject) (serial \(certificate.serialNumber)) expired on "
                    + "\(formatter.format(certificate.notAfter)); order a new business certificate")
        }
        if certificate.notBefore > now {
            throw KeyLoadError(
                .certificateNotYetValid, file: file,
                "the certificate \(certificate.subject) (serial \(certificate.serialNumber)) is valid only from "
                    + "\(formatter.format(certificate.notBefore)); check the system clock")
        }
        let remaining = certificate.notAfter.timeIntervalSince(now)
        guard remaining < certificateExpiryWarning else { return nil }
        let days = Int(remaining / 86400)
        return KeyWarning(
            .certificateExpiresSoon,
            "the certificate \(certificate.subject) (serial \(certificate.serialNumber)) expires on "
                + "\(formatter.format(certificate.notAfter)), in \(days) day(s); renew it")
    }
}
