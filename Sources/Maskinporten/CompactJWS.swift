#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// A JWS in compact serialisation (`header.payload.signature`, RFC 7515 section 7.1): signing, reading
/// without verification, and verification.
///
/// The description never includes the token text.
public struct CompactJWS: Sendable, CustomStringConvertible, CustomReflectable {
    /// The decoded header JSON.
    public let headerJSON: Data
    /// The decoded payload (the claims JSON, for a JWT).
    public let payload: Data
    /// The decoded signature.
    public let signature: Data
    /// `base64url(header) + "." + base64url(payload)`: the bytes the signature covers.
    public let signingInput: String

    /// Splits and decodes a compact JWS without verifying it.
    public init(_ compact: String) throws(JWTError) {
        let parts = compact.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformed("expected 3 dot-separated parts, found \(parts.count)") }
        guard let header = Base64URL.decode(parts[0]) else { throw .malformed("the header is not base64url") }
        guard let payload = Base64URL.decode(parts[1]) else { throw .malformed("the payload is not base64url") }
        guard let signature = Base64URL.decode(parts[2]) else { throw .malformed("the signature is not base64url") }
        headerJSON = header
        self.payload = payload
        self.signature = signature
        signingInput = "\(parts[0]).\(parts[1])"
    }

    /// Signs `claims` under `header` with `key`, using the header's algorithm; header and claims are
    /// encoded as ``CanonicalJSON``. Returns the compact serialisation.
    public static func sign(header: JWTHeader, claims: some Encodable, key: RSAPrivateKey) throws -> String {
        let input =
            Base64URL.encode(try CanonicalJSON.encode(header)) + "."
            + Base64URL.encode(try CanonicalJSON.encode(claims))
        let signature = try key.sign(Data(input.utf8), algorithm: header.alg)
        return input + "." + Base64URL.encode(signature)
    }

    /// The header, decoded.
    public func header() throws(JWTError) -> JWTHeader {
        do {
            return try JSONDecoder().decode(JWTHeader.self, from: headerJSON)
        } catch {
            // A header naming an algorithm this module does not know: say which.
            struct NamedAlgorithm: Decodable { var alg: String }
            if let named = try? JSONDecoder().decode(NamedAlgorithm.self, from: headerJSON) {
                throw .unsupportedAlgorithm(named.alg)
            }
            throw .malformed("the header is not a JOSE header with a known \"alg\"")
        }
    }

    /// The payload decoded as `type`.
    public func claims<Claims: Decodable>(as type: Claims.Type) throws(JWTError) -> Claims {
        do {
            return try JSONDecoder().decode(type, from: payload)
        } catch {
            throw .malformed("the payload does not decode as \(type)")
        }
    }

    /// Checks the signature with `key` under the header's algorithm, which must be RS256, RS384 or RS512.
    public func verify(with key: RSAPublicKey) throws(JWTError) {
        let algorithm = try header().alg
        guard key.verify(signature, over: Data(signingInput.utf8), algorithm: algorithm) else {
            throw .invalidSignature
        }
    }

    /// Checks the signature with the public key of `certificate`.
    public func verify(with certificate: Certificate) throws(JWTError) {
        guard let key = try? certificate.publicKey() else { throw .invalidSignature }
        try verify(with: key)
    }

    /// The `exp` claim of a JWT, read without verifying the signature; nil when the text is not a JWT or
    /// has no numeric `exp`. For tokens we receive and only need to know when to refresh.
    public static func unverifiedExpiry(of token: String) -> Date? {
        struct Expiry: Decodable { var exp: Double }
        guard let jws = try? CompactJWS(token), let claims = try? jws.claims(as: Expiry.self) else { return nil }
        return Date(timeIntervalSince1970: claims.exp)
    }

    /// The `iat` claim of `token` read without verifying the signature, or nil when it has none.
    public static func unverifiedIssuedAt(of token: String) -> Date? {
        struct IssuedAt: Decodable { var iat: Double }
        guard let jws = try? CompactJWS(token), let claims = try? jws.claims(as: IssuedAt.self) else { return nil }
        return Date(timeIntervalSince1970: claims.iat)
    }

    public var description: String { "CompactJWS(\(payload.count) byte payload, redacted)" }

    public var customMirror: Mirror { Mirror(self, children: ["payloadBytes": payload.count]) }
}
