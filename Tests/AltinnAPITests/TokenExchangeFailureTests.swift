import CurlHTTP
import Foundation
import Logging
import Maskinporten
import TestSupport
import Testing

@testable import AltinnAPI

/// Every failure of the exchange is an authentication error, whichever attempt it comes from, so the engine
/// never mistakes it for a problem of the instance it was working on.
@Suite struct TokenExchangeFailureTests {
    func exchange(_ responses: [TransportTestServer.ScriptedResponse]) async throws -> (any Error)? {
        let server = try await TransportTestServer()
        server.script("exchange", responses)
        let http = HTTPClient(configuration: HTTPClientConfiguration(retry: .never))
        defer { http.shutdown() }
        let maskinporten = AccessTokenCache(fetch: {
            AccessToken(value: "mp-token", expiresAt: Date().addingTimeInterval(600))
        })
        let exchange = TokenExchange(
            http: http, url: server.url("/scripted/exchange"), maskinporten: maskinporten,
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        defer { Task { await server.stop() } }
        do {
            _ = try await exchange.exchange()
            return nil
        } catch {
            return error
        }
    }

    @Test func aFailureOfTheSecondAttemptIsStillAnAuthenticationError() async throws {
        let error = try await exchange([.init(status: 401), .init(status: 403, body: "forbidden\u{1b}[31m")])
        let failure = try #require(error as? AuthenticationError)
        #expect(failure.step == .exchange)
        #expect(!failure.isTransient)
        #expect(failure.message.contains("403"))
        #expect(!failure.message.contains("\u{1b}"), "control characters from the body are not echoed")
    }

    @Test func twoRefusalsNameTheUsualCauses() async throws {
        let error = try await exchange([.init(status: 401), .init(status: 401)])
        let failure = try #require(error as? AuthenticationError)
        #expect(failure.message.contains("environment"))
    }

    @Test func anUnavailableExchangeIsTransient() async throws {
        let error = try await exchange([.init(status: 503)])
        let failure = try #require(error as? AuthenticationError)
        #expect(failure.isTransient)
    }
}
