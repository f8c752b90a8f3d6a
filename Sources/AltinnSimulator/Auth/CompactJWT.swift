import Foundation
internal import Maskinporten

/// A JWT in compact form, read without trusting it: header and claims as JSON values, the bytes the
/// signature covers, and the signature.
struct CompactJWT: Sendable {
    /// The header members.
    let header: [String: JSONValue]
    /// The claims.
    let claims: [String: JSONValue]
    /// `base64url(header).base64url(claims)`, the signed bytes.
    let signingInput: Data
    /// The signature bytes.
    let signature: Data

    /// Splits and decodes `text`; nil when it is not three base64url parts of which the first two are
    /// JSON objects.
    init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Base64URL.decode(parts[0]),
            let claimsData = Base64URL.decode(parts[1]), let signature = Base64URL.decode(parts[2]),
            let header = try? JSONDecoder().decode([String: JSONValue].self, from: headerData),
            let claims = try? JSONDecoder().decode([String: JSONValue].self, from: claimsData)
        else { return nil }
        self.header = header
        self.claims = claims
        self.signingInput = Data("\(parts[0]).\(parts[1])".utf8)
        self.signature = signature
    }

    /// The header's `alg`.
    var algorithm: String? { header["alg"]?.string }

    /// A signed JWT: RS256 over canonical (sorted, compact) header and claims JSON.
    static func sign(claims: [String: JSONValue], keyID: String, with key: any TokenKey) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let header: [String: JSONValue] = ["alg": .string("RS256"), "typ": .string("JWT"), "kid": .string(keyID)]
        let input =
            Base64URL.encode(try encoder.encode(header)) + "." + Base64URL.encode(try encoder.encode(claims))
        let signature = try key.sign(Data(input.utf8))
        return input + "." + Base64URL.encode(signature)
    }
}
