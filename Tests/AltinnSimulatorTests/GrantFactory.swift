import AltinnSimulator
import Foundation
import Maskinporten

/// A Maskinporten client for tests: an RSA key registered under a kid, and hand-built grants (so that
/// tests can break any part of them).
struct GrantFactory {
    let key: RSAPrivateKey
    let kid: String
    let clientID: String

    /// One key per test process: generating RSA keys is slow.
    static let sharedKey: Result<RSAPrivateKey, any Error> = Result { try RSAPrivateKey.generate() }

    static func make(clientID: String = "test-client-\(UUID().uuidString.prefix(8))") throws -> GrantFactory {
        GrantFactory(key: try sharedKey.get(), kid: "kid-\(clientID)", clientID: clientID)
    }

    /// The client as the simulator should know it.
    func registration(scopes: Set<String> = RegisteredClient.serviceOwnerScopes) throws -> RegisteredClient {
        RegisteredClient(
            clientID: clientID, scopes: scopes, keys: [.publicKey(kid: kid, pem: try key.publicKey().pem())])
    }

    /// Standard claims for `issuer` at `now`.
    func claims(
        issuer: String, now: Date,
        scope: String = "altinn:serviceowner/instances.read altinn:serviceowner/instances.write"
    ) -> [String: Any] {
        let iat = Int(now.timeIntervalSince1970)
        return [
            "aud": issuer, "iss": clientID, "scope": scope, "iat": iat, "exp": iat + 120,
            "jti": UUID().uuidString,
        ]
    }

    /// A signed compact JWS of `claims` under `header` (default: RS256 with this client's kid).
    func sign(_ claims: [String: Any], header: [String: Any]? = nil, with signer: RSAPrivateKey? = nil) throws -> String
    {
        let header = header ?? ["alg": "RS256", "kid": kid]
        let input =
            Base64URL.encode(try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]))
            + "." + Base64URL.encode(try JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys]))
        let algorithm = JWSAlgorithm(rawValue: header["alg"] as? String ?? "RS256") ?? .rs256
        let signature = try (signer ?? key).sign(Data(input.utf8), algorithm: algorithm)
        return input + "." + Base64URL.encode(signature)
    }

    /// The form body of a token request for `assertion`.
    static func form(_ assertion: String) -> Data {
        Data("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=\(assertion)".utf8)
    }
}
