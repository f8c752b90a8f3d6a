import Foundation
import Testing

@testable import Maskinporten

@Suite struct RedactionTests {
    @Test func secretsStayOutOfDescriptions() throws {
        let keys = try TestKeys.get()
        let jwt = try unsignedJWT(["exp": 1_900_000_000, "secret": "TOKEN-SECRET"])
        let token = AccessToken(value: jwt, expiresIn: 60, receivedAt: Date())
        for text in [token.description, "\(token)", String(reflecting: token), dumped(token)] {
            #expect(!text.contains(jwt) && !text.contains("TOKEN-SECRET"), "\(text)")
        }
        #expect(token.description.hasPrefix("AccessToken(…, expires "))

        let identity = try SigningIdentity.load(.pem(file: keys.path("key.pem"), kid: "k"))
        let grant = try MaskinportenGrant(
            configuration: MaskinportenConfiguration(
                issuer: try #require(URL(string: "https://test.maskinporten.no/")), clientID: "c", scopes: ["s"]),
            identification: identity.identification, now: Date()
        ).signed(with: identity.key)
        let signature = try #require(grant.compact.split(separator: ".").last)
        for text in ["\(grant)", dumped(grant), "\(try CompactJWS(grant.compact))"] {
            #expect(!text.contains(signature) && !text.contains(grant.compact), "\(text)")
        }

        let privatePEM = try identity.key.pkcs8PEM()
        let keyBody = privatePEM.split(separator: "\n")[1]
        for text in ["\(identity.key)", dumped(identity.key), dumped(identity)] {
            #expect(!text.contains(keyBody), "\(text)")
        }

        let source = KeySource.pkcs12(file: "cert.p12", password: "P12-PASSWORD")
        for text in ["\(source)", dumped(source)] {
            #expect(!text.contains("P12-PASSWORD"), "\(text)")
        }

        let jwk = try JSONDecoder().decode(JSONWebKey.self, from: keys.data("key.jwk"))
        let d = try #require(jwk.d)
        for text in ["\(jwk)", dumped(jwk)] {
            #expect(!text.contains(d), "\(text)")
        }

        let wrongPassword = #expect(throws: KeyLoadError.self) {
            try SigningIdentity.load(.pkcs12(file: keys.path("modern.p12"), password: "SECRET-GUESS"))
        }
        #expect(wrongPassword.map { !"\($0)".contains("SECRET-GUESS") } == true)
    }

    private func dumped(_ value: Any) -> String {
        var text = ""
        dump(value, to: &text)
        return text
    }
}
