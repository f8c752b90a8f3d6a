/// Where the client's signing key comes from: the `maskinporten.key` part of the configuration, with any
/// password already read from its environment variable.
///
/// The description names the type and file only, never the password.
public enum KeySource: Sendable, CustomStringConvertible, CustomReflectable {
    /// A PEM private key (PKCS#1 or PKCS#8, optionally encrypted PKCS#8 with `password`), registered with
    /// the Maskinporten client under `kid`.
    case pem(file: String, kid: String, password: String? = nil)
    /// A PKCS#12 business certificate (`.p12`/`.pfx`) and its password; the grant carries the certificate.
    case pkcs12(file: String, password: String)
    /// A private RSA JWK, as JSON or base64 of the JSON; `kid` overrides the JWK's own.
    case jwk(file: String, kid: String? = nil)

    /// The key file's path.
    public var file: String {
        switch self {
        case .pem(let file, _, _), .pkcs12(let file, _), .jwk(let file, _): file
        }
    }

    public var description: String {
        switch self {
        case .pem(let file, let kid, _): "pem key \(file) (kid \(kid))"
        case .pkcs12(let file, _): "pkcs12 certificate \(file)"
        case .jwk(let file, let kid): "jwk key \(file)" + (kid.map { " (kid \($0))" } ?? "")
        }
    }

    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}
