import AltinnAPI
import AltinnSimulator
import CurlHTTP
import Foundation
import Maskinporten
import Testing

@Suite("Token exchange and Altinn token checks")
struct ExchangeTests {
    /// A Maskinporten token for a client holding `scopes`.
    static func maskinportenToken(_ harness: SimulatorHarness, scopes: Set<String>) async throws -> String {
        let client = try GrantFactory.make()
        try harness.simulator.registerClient(try client.registration(scopes: scopes))
        let claims = client.claims(
            issuer: harness.simulator.maskinportenIssuer.absoluteString, now: harness.simulator.now,
            scope: scopes.sorted().joined(separator: " "))
        let reply = try await MaskinportenTests.post(harness, try client.sign(claims))
        #expect(reply.status == 200, "\(reply.text)")
        let body = try JSONSerialization.jsonObject(with: reply.body) as? [String: Any]
        return try #require(body?["access_token"] as? String)
    }

    static func claims(of jwt: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: CompactJWS(jwt).payload) as? [String: Any] ?? [:]
    }

    @Test("the Altinn token is raw text, or a JSON string when the client accepts application/json")
    func quoting() async throws {
        try await withSimulator { harness in
            let token = try await Self.maskinportenToken(harness, scopes: RegisteredClient.serviceOwnerScopes)
            let path = "/authentication/api/v1/exchange/maskinporten"
            let plain = try await harness.get(path, token: token, headers: [("Accept", "text/plain")])
            #expect(plain.status == 200)
            #expect(plain.text.hasPrefix("eyJ"))
            #expect(!plain.text.contains("\""))
            let quoted = try await harness.get(path, token: token, headers: [("Accept", "application/json")])
            #expect(quoted.status == 200)
            #expect(quoted.text.hasPrefix("\"eyJ") && quoted.text.hasSuffix("\""))
            let jwt = try JSONDecoder().decode(String.self, from: quoted.body)

            let claims = try Self.claims(of: jwt)
            #expect(claims["urn:altinn:org"] as? String == "ttd")
            #expect(claims["urn:altinn:orgNumber"] as? String == "991825827")
            #expect(claims["urn:altinn:authenticatemethod"] as? String == "maskinporten")
            #expect(claims["urn:altinn:authlevel"] as? Int == 3)
            #expect(claims["client_amr"] == nil && claims["aud"] == nil)
            #expect((claims["exp"] as? Int).map { $0 - (claims["iat"] as? Int ?? 0) } == 1800)
            #expect(claims["iss"] as? String != harness.simulator.maskinportenIssuer.absoluteString)

            let events = try await harness.get("/events/api/v1/app/ttd/skjema-a?after=0", token: jwt)
            #expect(events.status == 200)
        }
    }

    @Test("enterprise users are gone (410), and unknown token providers are a 400")
    func goneAndUnknownProvider() async throws {
        try await withSimulator { harness in
            let token = try await Self.maskinportenToken(harness, scopes: RegisteredClient.serviceOwnerScopes)
            let gone = try await harness.get(
                "/authentication/api/v1/exchange/maskinporten", token: token,
                headers: [("X-Altinn-EnterpriseUser-Authentication", "x")])
            #expect(gone.status == 410)
            let unknown = try await harness.get("/authentication/api/v1/exchange/bankid", token: token)
            #expect(unknown.status == 400)
            #expect(unknown.text.hasPrefix("Invalid token provider: bankid."))
        }
    }

    @Test("the org claim comes only with an altinn:serviceowner scope")
    func orgClaimNeedsServiceOwnerScope() async throws {
        try await withSimulator { harness in
            let token = try await Self.maskinportenToken(harness, scopes: ["altinn:events.subscribe"])
            let reply = try await harness.get("/authentication/api/v1/exchange/maskinporten", token: token)
            #expect(reply.status == 200)
            let claims = try Self.claims(of: reply.text)
            #expect(claims["urn:altinn:org"] == nil)
            #expect(claims["urn:altinn:orgNumber"] as? String == "991825827")
            let events = try await harness.get("/events/api/v1/app/ttd/skjema-a?after=0", token: reply.text)
            #expect(events.status == 401)
            #expect(events.text == "\"Only orgs can call this api\"")
        }
    }

    @Test("the exchange answers 401 with an empty body to a bad or expired Maskinporten token")
    func badMaskinportenToken() async throws {
        try await withSimulator { harness in
            let path = "/authentication/api/v1/exchange/maskinporten"
            let altinn = try harness.token()
            let wrongKind = try await harness.get(path, token: altinn)
            #expect(wrongKind.status == 401)
            #expect(wrongKind.body.isEmpty)
            harness.simulator.freezeClock()
            let token = try await Self.maskinportenToken(harness, scopes: RegisteredClient.serviceOwnerScopes)
            let exp = try #require(Self.claims(of: token)["exp"] as? Int)
            harness.simulator.setClock(to: Date(timeIntervalSince1970: TimeInterval(exp + 10)))
            #expect(try await harness.get(path, token: token).status == 200, "10 s of skew are allowed")
            harness.simulator.advanceClock(by: 1)
            let expired = try await harness.get(path, token: token)
            #expect(expired.status == 401)
            #expect(expired.body.isEmpty)
            #expect(harness.simulator.ledger().entries(.exchangeRejected).count == 2)
        }
    }

    @Test("Altinn endpoints allow no clock skew: a token is refused the second it expires")
    func altinnTokenExpiry() async throws {
        try await withSimulator { harness in
            let token = try harness.simulator.altinnToken(lifetime: 60)
            let exp = try #require(Self.claims(of: token)["exp"] as? Int)
            let expiry = Date(timeIntervalSince1970: TimeInterval(exp))
            let path = "/storage/api/v1/instances?appId=ttd/skjema-a"
            harness.simulator.freezeClock()
            harness.simulator.setClock(to: expiry.addingTimeInterval(-0.001))
            let valid = try await harness.get(path, token: token)
            #expect(valid.status == 200)
            harness.simulator.setClock(to: expiry)
            let expired = try await harness.get(path, token: token)
            #expect(expired.status == 401)
            #expect(expired.body.isEmpty)
            let unauthorized = harness.simulator.ledger().entries(.unauthorized)
            #expect(unauthorized.count == 1)
            #expect(unauthorized.first?.path == "/storage/api/v1/instances")
        }
    }
}
