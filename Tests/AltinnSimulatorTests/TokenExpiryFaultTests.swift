import AltinnAPI
import AltinnSimulator
import Foundation
import Testing

@Suite("The expire fault expires what a request presents, for good, on every route")
struct TokenExpiryFaultTests {
    @Test("an Altinn token the fault expired is refused on every later request and route; a fresh one works")
    func altinnToken() async throws {
        try await withSimulator({ $0.faults = [FaultRule(route: .events, kind: .tokenExpiry, firstRequests: 1)] }) {
            harness in
            let token = try harness.token()
            let events = "/events/api/v1/app/ttd/skjema-a?after=0"
            #expect(try await harness.get(events, token: token).status == 401)
            let again = try await harness.get(events, token: token)
            #expect(again.status == 401)
            #expect(again.body.isEmpty)
            let query = try await harness.get("/storage/api/v1/instances?org=ttd", token: token)
            #expect(query.status == 401, "the token is dead on other routes too")
            let fresh = try harness.token()
            #expect(try await harness.get(events, token: fresh).status == 200)
            #expect(try await harness.get("/storage/api/v1/instances?org=ttd", token: fresh).status == 200)

            let ledger = harness.simulator.ledger()
            #expect(ledger.entries(.fault).map(\.reason) == ["token expiry"])
            let refused = ledger.entries(.unauthorized)
            #expect(refused.count == 3)
            #expect(refused.allSatisfy { $0.reason == "token expired (fault)" && $0.status == 401 })
            #expect(
                refused.map(\.path) == [
                    "/events/api/v1/app/ttd/skjema-a", "/events/api/v1/app/ttd/skjema-a", "/storage/api/v1/instances",
                ])
        }
    }

    @Test("on exchange the Maskinporten token counts as expired: 401 with an empty body, now and later")
    func exchange() async throws {
        try await withSimulator({ $0.faults = [FaultRule(route: .exchange, kind: .tokenExpiry, firstRequests: 1)] }) {
            harness in
            let path = "/authentication/api/v1/exchange/maskinporten"
            let token = try await ExchangeTests.maskinportenToken(harness, scopes: RegisteredClient.serviceOwnerScopes)
            let first = try await harness.get(path, token: token)
            #expect(first.status == 401)
            #expect(first.body.isEmpty)
            let again = try await harness.get(path, token: token)
            #expect(again.status == 401, "the fault fired once, but the token stays expired")
            #expect(again.body.isEmpty)
            let fresh = try await ExchangeTests.maskinportenToken(harness, scopes: RegisteredClient.serviceOwnerScopes)
            #expect(try await harness.get(path, token: fresh).status == 200)

            let ledger = harness.simulator.ledger()
            #expect(ledger.entries(.fault).map(\.route) == ["exchange"])
            #expect(
                ledger.entries(.exchangeRejected).map(\.reason) == [
                    "Maskinporten token expired (fault)", "Maskinporten token expired (fault)",
                ])
            #expect(ledger.entries(.tokenExchanged).count == 1)
        }
    }

    @Test("on token the grant is refused as expired (MP-130), and stays refused; a new grant works")
    func grant() async throws {
        try await withSimulator({ $0.faults = [FaultRule(route: .token, kind: .tokenExpiry, firstRequests: 1)] }) {
            harness in
            let client = try GrantFactory.make()
            try harness.simulator.registerClient(try client.registration())
            let issuer = harness.simulator.maskinportenIssuer.absoluteString
            let grant = try client.sign(client.claims(issuer: issuer, now: harness.simulator.now))
            for _ in 0..<2 {
                let reply = try await MaskinportenTests.post(harness, grant)
                #expect(reply.status == 400)
                let body = try JSONDecoder().decode([String: String].self, from: reply.body)
                #expect(body["error"] == "invalid_grant")
                #expect(body["error_description"]?.hasSuffix("JWT is expired (MP-130)") == true, "\(body)")
            }
            let fresh = try client.sign(client.claims(issuer: issuer, now: harness.simulator.now))
            #expect(try await MaskinportenTests.post(harness, fresh).status == 200)

            let ledger = harness.simulator.ledger()
            #expect(ledger.entries(.fault).map(\.route) == ["token"])
            let rejected = ledger.entries(.grantRejected)
            #expect(rejected.map(\.mpCode) == ["MP-130", "MP-130"])
            #expect(rejected.allSatisfy { $0.reason == "JWT is expired (fault)" && $0.clientID == client.clientID })
            #expect(ledger.entries(.grantAccepted).count == 1)
        }
    }
}
