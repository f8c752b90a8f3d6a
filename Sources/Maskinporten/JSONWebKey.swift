#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// An RSA JSON Web Key (RFC 7517, RFC 7518 section 6.3), public or private.
///
/// Members are base64url strings as in the JSON. The description and mirror show only the key type, id
/// and whether private members are present, never the numbers.
public struct JSONWebKey: Codable, Sendable, Equatable, CustomStringConvertible, CustomReflectable {
    /// The key type, `"RSA"` for keys Maskinporten accepts.
    public var kty: String
    /// The key id, registered with the Maskinporten client.
    public var kid: String?
    /// The intended use, `"sig"`.
    public var use: String?
    /// The intended algorithm, e.g. `"RS256"`.
    public var alg: String?
    /// The modulus.
    public var n: String?
    /// The public exponent.
    public var e: String?
    /// The private exponent; present only in private keys.
    public var d: String?
    /// The first prime factor.
    public var p: String?
    /// The second prime factor.
    public var q: String?
    /// The first factor CRT exponent.
    public var dp: String?
    /// The second factor CRT exponent.
    public var dq: String?
    /// The first CRT coefficient.
    public var qi: String?

    /// Creates a key from its members.
    public init(
        kty: String = "RSA", kid: String? = nil, use: String? = nil, alg: String? = nil, n: String? = nil,
        e: String? = nil, d: String? = nil, p: String? = nil, q: String? = nil, dp: String? = nil,
        dq: String? = nil, qi: String? = nil
    ) {
        self.kty = kty
        self.kid = kid
        self.use = use
        self.alg = alg
        self.n = n
        self.e = e
        self.d = d
        self.p = p
        self.q = q
        self.dp = dp
        self.dq = dq
        self.qi = qi
    }

    /// Whether the key carries private members.
    public var isPrivate: Bool { d != nil }

    /// The key as compact JSON with sorted members, e.g. for registering the public key with a client.
    public func jsonData() throws -> Data {
        try CanonicalJSON.encode(self)
    }

    public var description: String {
        "JSONWebKey(\(kty), kid: \(kid ?? "none")\(isPrivate ? ", private" : ""))"
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["kty": kty, "kid": kid as Any, "isPrivate": isPrivate], displayStyle: .struct)
    }
}
