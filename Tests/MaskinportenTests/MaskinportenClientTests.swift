import CurlHTTP
import Foundation
import Testing

@testable import Maskinporten

@Suite(.serialized) struct MaskinportenClientTests {
    let keys: TestKeys
    let identity: SigningIdentity
    let clock = TestClock(Date(timeIntervalSince1970: TimeInterval(Int(Date().timeIntervalSince1970))))

    init() throws {
        keys = try TestKeys.get()
        identity = try SigningIdentity.load(.pem(file: keys.path("key.pem"), kid: "kid-1"))
    }

    func client(_ server: LoopbackHTTPServer, http: HTTPClient) throws -> MaskinportenClient {
        MaskinportenClient(
            configuration: MaskinportenConfiguration(
                issuer: try #require(URL(string: server.baseURL)), clientID: "client-1",
                scopes: ["altinn:serviceowner/instances.read", "altinn:serviceowner/instances.write"]),
            identity: identity,
            httpClient: http,
            retry: RetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(20), maxBackoff: .milliseconds(50)),
            requestDeadline: .seconds(10),
            now: clock.function)
    }

    func tokenBody(exp: Int) throws -> String {
        let token = try unsignedJWT(["exp": exp, "scope": "altinn:serviceowner/instances.read"])
        return
            #"{"access_token":"\#(token)","token_type":"Bearer","expires_in":119,"scope":"altinn:serviceowner/instances.read"}"#
    }

    /// The grant a request carried, verified with the public key from the openssl CLI.
    func grantClaims(_ request: LoopbackHTTPServer.Request) throws -> MaskinportenGrantClaims {
        let assertion = try #require(request.form["assertion"])
        let jws = try CompactJWS(assertion)
        try jws.verify(with: try RSAPublicKey(pem: keys.text("pub.pem")))
        return try jws.claims(as: MaskinportenGrantClaims.self)
    }

    @Test func successParsesTokenAndClockSkew() async throws {
        let exp = Int(clock.now.timeIntervalSince1970) + 100
        let server = try LoopbackHTTPServer(responses: [
            .init(
                status: 200,
                headers: [
                    "Content-Type": "application/json",
                    "Date": HTTPDate.format(clock.now.addingTimeInterval(12)),
                ], body: try tokenBody(exp: exp))
        ])
        defer { server.stop() }
        let http = HTTPClient()
        defer { http.shutdown() }

        let result = try await client(server, http: http).fetchToken()
        #expect(result.token.expiresAt == Date(timeIntervalSince1970: TimeInterval(exp)))
        #expect(result.scope == "altinn:serviceowner/instances.read")
        #expect(result.clockSkew == 12)
        #expect(result.isClockSkewed)
        #expect(result.attempts == 1)

        let request = try #require(server.requests.first)
        #expect(server.requests.count == 1)
        #expect(request.method == "POST")
        #expect(request.path == "/token")
        #expect(request.headers["content-type"] == "application/x-www-form-urlencoded")
        #expect(
            request.bodyText.hasPrefix("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion="))
        #expect(Set(request.form.keys) == ["grant_type", "assertion"])
        let claims = try grantClaims(request)
        #expect(claims.aud == server.baseURL)
        #expect(claims.iss == "client-1")
        #expect(claims.iat == Int(clock.now.timeIntervalSince1970))
    }

    @Test func maskinportenErrorBecomesAReadableRefusalAndIsNotRetried() async throws {
        let server = try LoopbackHTTPServer(responses: [
            .init(
                status: 400, headers: ["Content-Type": "application/json"],
                body:
                    #"{"error":"invalid_grant","error_description":"MP-110 Invalid assertion. Invalid JWT claim aud"}"#
            )
        ])
        defer { server.stop() }
        let http = HTTPClient()
        defer { http.shutdown() }

        let error = await #expect(throws: MaskinportenError.self) { try await client(server, http: http).fetchToken() }
        let refusal = try #require(error)
        #expect(refusal.code == .rejected)
        #expect(!refusal.isTransient)
        #expect(refusal.status == 400)
        #expect(refusal.error == "invalid_grant")
        #expect(refusal.errorDescription == "MP-110 Invalid assertion. Invalid JWT claim aud")
        #expect(refusal.description.contains("MP-110 Invalid assertion"))
        #expect(refusal.hint?.contains("aud") == true)
        #expect(refusal.description.contains("trailing slash"))
        #expect(server.requests.count == 1)
        // The assertion never appears in the error.
        let assertion = try #require(server.requests.first?.form["assertion"])
        #expect(!refusal.description.contains(assertion))
    }

    @Test func unavailableThenSuccessRetriesWithAFreshGrant() async throws {
        let exp = Int(clock.now.timeIntervalSince1970) + 100
        let server = try LoopbackHTTPServer(responses: [
            .init(status: 503, body: "busy"),
            .init(status: 200, headers: ["Content-Type": "application/json"], body: try tokenBody(exp: exp)),
        ])
        defer { server.stop() }
        let http = HTTPClient()
        defer { http.shutdown() }

        let result = try await client(server, http: http).fetchToken()
        #expect(result.attempts == 2)
        #expect(server.requests.count == 2)
        let jtis = try server.requests.map { try grantClaims($0).jti }
        #expect(jtis.count == 2 && jtis[0] != jtis[1])
    }

    @Test func badRequestWithoutJSONIsNotRetried() async throws {
        let server = try LoopbackHTTPServer(responses: [.init(status: 400, body: "Bad Request")])
        defer { server.stop() }
        let http = HTTPClient()
        defer { http.shutdown() }

        let error = await #expect(throws: MaskinportenError.self) { try await client(server, http: http).fetchToken() }
        #expect(error?.code == .rejected)
        #expect(error?.description.contains("Bad Request") == true)
        #expect(server.requests.count == 1)
    }

    @Test func persistentOutageIsTransientAfterAllAttempts() async throws {
        let server = try LoopbackHTTPServer(responses: [.init(status: 502, body: "bad gateway")])
        defer { server.stop() }
        let http = HTTPClient()
        defer { http.shutdown() }

        let error = await #expect(throws: MaskinportenError.self) { try await client(server, http: http).fetchToken() }
        #expect(error?.code == .unavailable)
        #expect(error?.isTransient == true)
        #expect(error?.attempts == 3)
        #expect(server.requests.count == 3)
        #expect(Set(try server.requests.map { try grantClaims($0).jti }).count == 3)
    }

    @Test func clockSkewHintWhenIssueTimeIsAfterNow() async throws {
        let server = try LoopbackHTTPServer(responses: [
            .init(
                status: 400,
                headers: [
                    "Content-Type": "application/json", "Date": HTTPDate.format(clock.now.addingTimeInterval(-30)),
                ],
                body: #"{"error":"invalid_grant","error_description":"Invalid assertion. Issue time is after now"}"#)
        ])
        defer { server.stop() }
        let http = HTTPClient()
        defer { http.shutdown() }

        let error = await #expect(throws: MaskinportenError.self) { try await client(server, http: http).fetchToken() }
        #expect(error?.hint?.contains("host clock is ahead") == true)
        // Maskinporten's Date is 30 s before ours: the host is ahead, and the message says so.
        #expect(error?.description.contains("the host clock is 30 s ahead of Maskinporten's") == true, "\(error)")
    }

    @Test func anUnknownKidIsHintedAsAKidProblem() async throws {
        let server = try LoopbackHTTPServer(responses: [
            .init(
                status: 400, headers: ["Content-Type": "application/json"],
                body:
                    #"{"error":"invalid_grant","error_description":"Invalid assertion. Client authentication failed. The JWT is signed with an invalid certificate (MP-120)"}"#
            )
        ])
        defer { server.stop() }
        let http = HTTPClient()
        defer { http.shutdown() }

        let error = await #expect(throws: MaskinportenError.self) { try await client(server, http: http).fetchToken() }
        #expect(error?.hint?.contains("kid \"kid-1\"") == true, "\(error)")
        #expect(error?.hint?.contains("business certificate") == false, "\(error)")
    }

    @Test func successWithoutTokenIsAnInvalidResponse() async throws {
        let server = try LoopbackHTTPServer(responses: [.init(status: 200, body: #"{"token_type":"Bearer"}"#)])
        defer { server.stop() }
        let http = HTTPClient()
        defer { http.shutdown() }

        let error = await #expect(throws: MaskinportenError.self) { try await client(server, http: http).fetchToken() }
        #expect(error?.code == .invalidResponse)
    }

    @Test(arguments: [
        ("MP-100", "environment"), ("MP-120", "test business certificate"), ("MP-124", "signature"),
        ("MP-121", "one year"), ("MP-200", "scope"), ("MP-250", "access"), ("MP-130", "clock"), ("MP-012", "jti"),
    ])
    func knownErrorsHaveHints(code: String, phrase: String) {
        let error = MaskinportenError(
            code: .rejected, status: 400, error: "invalid_grant", errorDescription: "\(code) Something")
        #expect(error.hint?.contains(phrase) == true, "\(error)")
    }
}

@Suite struct MaskinportenTokenCacheTests {
    @Test func cacheOverTheClientFetchesOnceAndPersists() async throws {
        let keys = try TestKeys.get()
        let identity = try SigningIdentity.load(.pem(file: keys.path("key.pem"), kid: "kid-1"))
        let exp = Int(Date().timeIntervalSince1970) + 600
        let token = try unsignedJWT(["exp": exp])
        let server = try LoopbackHTTPServer(responses: [
            .init(status: 200, body: #"{"access_token":"\#(token)","expires_in":600}"#)
        ])
        defer { server.stop() }
        let http = HTTPClient()
        defer { http.shutdown() }
        let configuration = MaskinportenConfiguration(
            issuer: try #require(URL(string: server.baseURL)), clientID: "c", scopes: ["b", "a"])
        #expect(configuration.cacheKey == "\(server.baseURL)|c|a b||")
        let client = MaskinportenClient(configuration: configuration, identity: identity, httpClient: http)
        let path = try TestKeys.temporaryDirectory().appendingPathComponent("mp-token.json").path
        let file = TokenCacheFile(path: path, key: configuration.cacheKey)

        let cache = client.makeTokenCache(file: file)
        #expect(try await cache.token().value == token)
        #expect(try await cache.token().value == token)
        #expect(server.requests.count == 1)
        #expect(try await client.makeTokenCache(file: file).token().value == token)
        #expect(server.requests.count == 1)
    }
}
