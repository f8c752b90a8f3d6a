import AltinnSimulator
import Foundation
import Maskinporten
import Testing

@Suite("Maskinporten token endpoint")
struct MaskinportenTests {
    /// Posts `assertion` to the token endpoint.
    static func post(_ harness: SimulatorHarness, _ assertion: String) async throws -> Reply {
        try await harness.post(
            "/maskinporten/token", body: GrantFactory.form(assertion),
            headers: [("Content-Type", "application/x-www-form-urlencoded")])
    }

    @Test("a good grant gets a Bearer token signed by the simulator, with Maskinporten's claims")
    func goodGrant() async throws {
        try await withSimulator { harness in
            let client = try GrantFactory.make()
            try harness.simulator.registerClient(try client.registration())
            let issuer = harness.simulator.maskinportenIssuer.absoluteString
            #expect(issuer.hasSuffix("/maskinporten/"))
            let reply = try await Self.post(
                harness, try client.sign(client.claims(issuer: issuer, now: harness.simulator.now)))
            #expect(reply.status == 200, "\(reply.text)")
            #expect(reply.headers["Date"] != nil)
            let body = try JSONSerialization.jsonObject(with: reply.body) as? [String: Any]
            #expect(body?["token_type"] as? String == "Bearer")
            #expect(body?["expires_in"] as? Int == 120)
            #expect(
                body?["scope"] as? String == "altinn:serviceowner/instances.read altinn:serviceowner/instances.write")
            let token = try #require(body?["access_token"] as? String)
            let claims = try JSONSerialization.jsonObject(with: CompactJWS(token).payload) as? [String: Any]
            #expect(claims?["client_id"] as? String == client.clientID)
            #expect(claims?["iss"] as? String == issuer)
            #expect((claims?["consumer"] as? [String: Any])?["ID"] as? String == "0192:991825827")
            #expect((claims?["exp"] as? Int).map { $0 - (claims?["iat"] as? Int ?? 0) } == 120)
            #expect(harness.simulator.ledger().entries(.grantAccepted).map(\.clientID) == [client.clientID])
        }
    }

    enum Breakage: String, CaseIterable, Sendable {
        case badSignature, wrongAudience, unknownClient, disallowedScope, x5cString, expTooLate, iatAhead, iatStale
        case unknownClaim, unsupportedAlgorithm
    }

    @Test("each broken grant is refused with Maskinporten's error and MP code", arguments: Breakage.allCases)
    func rejections(breakage: Breakage) async throws {
        try await withSimulator { harness in
            let client = try GrantFactory.make()
            try harness.simulator.registerClient(
                try client.registration(scopes: ["altinn:serviceowner/instances.read"]))
            let issuer = harness.simulator.maskinportenIssuer.absoluteString
            let now = harness.simulator.now
            var claims = client.claims(issuer: issuer, now: now, scope: "altinn:serviceowner/instances.read")
            var header: [String: Any] = ["alg": "RS256", "kid": client.kid]
            var signer: RSAPrivateKey?
            let expected: (error: String, code: String)
            switch breakage {
            case .badSignature:
                signer = try RSAPrivateKey.generate()
                expected = ("invalid_grant", "MP-124")
            case .wrongAudience:
                claims["aud"] = "https://test.maskinporten.no/"
                expected = ("invalid_grant", "MP-110")
            case .unknownClient:
                claims["iss"] = "no-such-client"
                expected = ("invalid_grant", "MP-100")
            case .disallowedScope:
                claims["scope"] = "altinn:serviceowner/instances.read altinn:serviceowner/instances.write"
                expected = ("invalid_scope", "MP-200")
            case .x5cString:
                header = ["alg": "RS256", "x5c": "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"]
                expected = ("invalid_grant", "MP-123")
            case .expTooLate:
                claims["exp"] = Int(now.timeIntervalSince1970) + 121
                expected = ("invalid_grant", "MP-130")
            case .iatAhead:
                // Far enough ahead that a slow machine cannot bring it within the 10 s allowed.
                claims["iat"] = Int(now.timeIntervalSince1970) + 100
                claims["exp"] = Int(now.timeIntervalSince1970) + 160
                expected = ("invalid_grant", "MP-130")
            case .iatStale:
                claims["iat"] = Int(now.timeIntervalSince1970) - 15
                expected = ("invalid_grant", "MP-130")
            case .unknownClaim:
                claims["favourite_colour"] = "blue"
                expected = ("invalid_request", "MP-011")
            case .unsupportedAlgorithm:
                header["alg"] = "HS256"
                expected = ("invalid_grant", "MP-124")
            }
            let reply = try await Self.post(harness, try client.sign(claims, header: header, with: signer))
            #expect(reply.status == 400)
            let body = try JSONDecoder().decode([String: String].self, from: reply.body)
            #expect(body["error"] == expected.error)
            #expect(body["error_description"]?.hasSuffix("(\(expected.code))") == true, "\(body)")
            if breakage == .iatAhead { #expect(body["error_description"]?.contains("Issue time is after now") == true) }
            if breakage == .x5cString { #expect(body["error_description"]?.contains("Invalid JWT header x5c") == true) }
            if breakage == .unknownClaim { #expect(body["error_description"]?.contains("Invalid assertion") == true) }
            let rejected = harness.simulator.ledger().entries(.grantRejected)
            #expect(rejected.map(\.mpCode) == [expected.code])
            #expect(harness.simulator.ledger().entries(.grantAccepted).isEmpty)
        }
    }

    @Test(
        "the token request must be a form with the JWT-bearer grant type",
        arguments: [
            ("multipart/form-data; boundary=x", "jwt-bearer", "invalid_request"),
            ("application/json", "jwt-bearer", "invalid_request"),
            ("text/plain", "jwt-bearer", "invalid_request"),
            ("application/x-www-form-urlencoded", "client_credentials", "unsupported_grant_type"),
            ("application/x-www-form-urlencoded", "", "unsupported_grant_type"),
            ("application/x-www-form-urlencoded; charset=utf-8", "jwt-bearer", nil),
            ("Application/X-WWW-Form-Urlencoded", "jwt-bearer", nil),
        ] as [(String, String, String?)])
    func requestForm(contentType: String, grantType: String, error: String?) async throws {
        try await withSimulator { harness in
            let client = try GrantFactory.make()
            try harness.simulator.registerClient(try client.registration())
            let assertion = try client.sign(
                client.claims(issuer: harness.simulator.maskinportenIssuer.absoluteString, now: harness.simulator.now))
            let grant =
                grantType == "jwt-bearer" ? "urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer" : grantType
            let reply = try await harness.post(
                "/maskinporten/token", body: Data("grant_type=\(grant)&assertion=\(assertion)".utf8),
                headers: [("Content-Type", contentType)])
            guard let error else {
                #expect(reply.status == 200, "\(reply.text)")
                return
            }
            #expect(reply.status == 400)
            let body = try JSONDecoder().decode([String: String].self, from: reply.body)
            #expect(body["error"] == error, "\(body)")
            #expect(harness.simulator.ledger().entries(.grantRejected).count == 1)
            #expect(harness.simulator.ledger().entries(.grantAccepted).isEmpty)
        }
    }

    @Test("a grant can be used once: the second use is MP-012")
    func reusedJTI() async throws {
        try await withSimulator { harness in
            let client = try GrantFactory.make()
            try harness.simulator.registerClient(try client.registration())
            let grant = try client.sign(
                client.claims(issuer: harness.simulator.maskinportenIssuer.absoluteString, now: harness.simulator.now))
            #expect(try await Self.post(harness, grant).status == 200)
            let second = try await Self.post(harness, grant)
            #expect(second.status == 400)
            #expect(second.text.contains("Grant is used before (MP-012)"))
        }
    }

    @Test("the simulator's clock decides: a grant issued at real time fails once the clock moves ahead")
    func clockSkew() async throws {
        try await withSimulator { harness in
            let client = try GrantFactory.make()
            try harness.simulator.registerClient(try client.registration())
            let issuer = harness.simulator.maskinportenIssuer.absoluteString
            let realNow = harness.simulator.now
            harness.simulator.advanceClock(by: 60)
            let reply = try await Self.post(harness, try client.sign(client.claims(issuer: issuer, now: realNow)))
            #expect(reply.status == 400)
            #expect(reply.text.contains("MP-130"))
        }
    }
}
