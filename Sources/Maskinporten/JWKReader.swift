internal import COpenSSL
import CurlHTTP

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Reads an RSA private key from a JWK file: the JSON itself, or base64 of it (as Azure Key Vault stores
/// it). A JWK set with exactly one key (as mkjwk.org produces) is accepted too.
enum JWKReader {
    static func read(_ file: KeyFile) throws(KeyLoadError) -> (key: RSAPrivateKey, kid: String?) {
        let jwk = try decode(file)
        guard jwk.kty == "RSA" else {
            throw KeyLoadError(
                .unsupportedKeyType, file: file.path,
                "the JWK is of type \"\(jwk.kty)\", but Maskinporten accepts only RSA keys (RS256, RS384, RS512)")
        }
        guard jwk.d != nil else {
            throw KeyLoadError(
                .notAPrivateKey, file: file.path,
                "the JWK is a public key (it has no \"d\" member). The public JWK is what you register with "
                    + "Maskinporten; signing needs the private JWK it was made from")
        }
        let required = ["n": jwk.n, "e": jwk.e, "d": jwk.d]
        let crt = ["p": jwk.p, "q": jwk.q, "dp": jwk.dp, "dq": jwk.dq, "qi": jwk.qi]
        let missingRequired = required.filter { $0.value == nil }.keys.sorted()
        guard missingRequired.isEmpty else {
            throw KeyLoadError(
                .incompleteJWK, file: file.path,
                "the JWK lacks the member(s) \(missingRequired.joined(separator: ", ")) that an RSA private key needs")
        }
        // RFC 7518 section 6.3.2: the CRT members come all together or not at all.
        let missingCRT = crt.filter { $0.value == nil }.keys.sorted()
        guard missingCRT.isEmpty || missingCRT.count == crt.count else {
            throw KeyLoadError(
                .incompleteJWK, file: file.path,
                "the JWK has some CRT members but lacks \(missingCRT.joined(separator: ", ")); "
                    + "give all of p, q, dp, dq, qi or none")
        }
        var members: [(String, Data)] = []
        for (name, value) in required.merging(crt, uniquingKeysWith: { first, _ in first }) {
            guard let value else { continue }
            guard let bytes = Base64URL.decode(value), !bytes.isEmpty else {
                throw KeyLoadError(
                    .malformed, file: file.path, "the JWK member \"\(name)\" is not valid base64url")
            }
            members.append((name, bytes))
        }
        let owned: OwnedKey
        do {
            owned = try RSAKeyBuilder.build(members: members, selection: copenssl_evp_pkey_keypair())
        } catch {
            var error = error
            error.file = file.path
            throw error
        }
        let key = try RSAPrivateKey.validated(owned, file: file.path)
        return (key, jwk.kid.flatMap { $0.isEmpty ? nil : $0 })
    }

    private struct KeySet: Decodable {
        var keys: [JSONWebKey]
    }

    private static func decode(_ file: KeyFile) throws(KeyLoadError) -> JSONWebKey {
        let trimmed = file.text.trimming(.whitespacesAndNewlines)
        let json: Data
        if trimmed.hasPrefix("{") {
            json = Data(trimmed.utf8)
        } else if let decoded = decodeBase64(trimmed),
            String(decoding: decoded, as: UTF8.self).trimming(.whitespacesAndNewlines).hasPrefix("{")
        {
            json = decoded
        } else if !file.pemLabels.isEmpty {
            throw KeyLoadError(
                .malformed, file: file.path, "this is a PEM file, not a JWK; set the key type to pem")
        } else {
            throw KeyLoadError(
                .malformed, file: file.path, "the file holds neither JWK JSON nor base64-encoded JWK JSON")
        }
        let decoder = JSONDecoder()
        if let set = try? decoder.decode(KeySet.self, from: json) {
            guard set.keys.count == 1, let only = set.keys.first else {
                throw KeyLoadError(
                    .malformed, file: file.path,
                    "the JWK set holds \(set.keys.count) keys; keep only the private key to sign with")
            }
            return only
        }
        do {
            return try decoder.decode(JSONWebKey.self, from: json)
        } catch {
            throw KeyLoadError(.malformed, file: file.path, "the JSON is not a JWK (it needs at least \"kty\")")
        }
    }

    /// Decodes standard or URL-safe base64, ignoring line breaks.
    private static func decodeBase64(_ text: String) -> Data? {
        let compact = text.filter { !$0.isWhitespace }
        if let data = Data(base64Encoded: compact) { return data }
        return Base64URL.decode(compact)
    }
}
