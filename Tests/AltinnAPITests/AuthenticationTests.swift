import AltinnSimulator
import CurlHTTP
import Foundation
import Logging
import Maskinporten
import Synchronization
import Testing

@testable import AltinnAPI

/// The Altinn token: exchange body forms, caching, single-flight refresh, the 401 path, and secrecy.
@Suite(.serialized) struct AuthenticationTests {
    @Test(arguments: [
        ("eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjF9.c2ln", "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjF9.c2ln"),
        ("\"eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjF9.c2ln\"", "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjF9.c2ln"),
        ("  \"eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjF9.c2ln\"\n", "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjF9.c2ln"),
    ])
    func theExchangeBodyIsAcceptedRawOrJSONQuoted(body: String, jwt: String) throws {
        #expect(try TokenExchange.jwt(fromBody: Data(body.utf8)) == jwt)
    }

    @Test(arguments: ["", "\"unterminated", "<html>gateway error</html>", "\"not.a-jwt\""])
    func anythingElseIsAnAuthenticationError(body: String) {
        #expect(throws: AuthenticationError.self) { try TokenExchange.jwt(fromBody: Data(body.utf8)) }
    }

    @Test func bothExchangeShapesComeFromTheSimulatorAndAreUnderstood() async throws {
        try await withAuthentication { setup in
            let mp = try await setup.maskinporten.token()
            for accept in ["application/json", "text/plain"] {
                var request = HTTPRequest(url: setup.endpoints.tokenExchange)
                request.headers.add(name: "Authorization", value: mp.authorizationHeader)
                request.headers.add(name: "Accept", value: accept)
                let response = try await setup.http.send(request)
                let text = String(decoding: response.body, as: UTF8.self)
                #expect(text.hasPrefix("\"") == (accept == "application/json"), "\(accept): \(text.prefix(10))")
                let claims = try AltinnTokenClaims(token: try TokenExchange.jwt(fromBody: response.body))
                #expect(claims.org == "ttd")
            }
        }
    }

    @Test func concurrentCallersShareOneExchangeAndOneGrant() async throws {
        try await withAuthentication { setup in
            try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<20 { group.addTask { try await setup.authenticator.altinnToken() } }
                var tokens = Set<String>()
                for try await token in group { tokens.insert(token) }
                #expect(tokens.count == 1)
            }
            let ledger = setup.simulator.ledger()
            #expect(ledger.entries(.grantAccepted).count == 1)
            #expect(ledger.entries(.tokenExchanged).count == 1)
        }
    }

    @Test func aShortLivedTokenIsReusedRatherThanExchangedForEveryRequest() async throws {
        // The margin before expiry scales with a short lifetime (a quarter of 30 s), so a fresh 30 s token is
        // used again instead of costing one exchange per request.
        try await withAuthentication({ $0.altinnTokenLifetime = 30 }) { setup in
            _ = try await setup.authenticator.altinnToken()
            _ = try await setup.authenticator.altinnToken()
            #expect(setup.simulator.ledger().entries(.tokenExchanged).count == 1)
        }
        try await withAuthentication({ $0.altinnTokenLifetime = 1800 }) { setup in
            _ = try await setup.authenticator.altinnToken()
            _ = try await setup.authenticator.altinnToken()
            #expect(setup.simulator.ledger().entries(.tokenExchanged).count == 1)
        }
    }

    @Test func a401DropsTheTokenFetchesAFreshOneAndRetriesOnce() async throws {
        try await withAuthentication { setup in
            let app = try AppID("ttd/skjema-a")
            _ = try await setup.client.eventsPage(app: app, after: .start, types: [], size: 1)
            setup.simulator.setFaults([FaultRule(route: .events, kind: .tokenExpiry, firstRequests: 1)])
            let page = try await setup.client.eventsPage(app: app, after: .start, types: [], size: 1)
            #expect(page.items.compactMap(\.value).count == 1)
            let ledger = setup.simulator.ledger()
            #expect(ledger.entries(.unauthorized).count == 1)
            #expect(ledger.entries(.tokenExchanged).count == 2, "a fresh token after the 401")

            // Refused twice: the 401 reaches the caller instead of looping.
            setup.simulator.setFaults([FaultRule(route: .events, kind: .tokenExpiry)])
            let error = try await #require(throws: AltinnError.self) {
                try await setup.client.eventsPage(app: app, after: .start, types: [], size: 1)
            }
            #expect(error.operation == .feed)
            #expect(error.failure == .refused)
            #expect(error.status == 401)
            #expect(setup.simulator.ledger().entries(.unauthorized).count == 3)
        }
    }

    @Test func theAltinnTokenFileCacheSpansRunsAndIsPrivate() async throws {
        try await withAuthentication { setup in
            let path = setup.folder.appending(path: "token-cache.json").path
            let file = TokenCacheFile(path: path, key: "test")
            for _ in 0..<2 {
                let authenticator = AltinnAuthenticator(
                    http: setup.http, endpoints: setup.endpoints, maskinporten: setup.mpClient.makeTokenCache(),
                    cacheFile: file, logger: setup.logger)
                _ = try await authenticator.altinnToken()
            }
            #expect(setup.simulator.ledger().entries(.grantAccepted).count == 1, "the second run asked nobody")
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        }
    }

    @Test func noTokenEverReachesTheLogs() async throws {
        let lines = LogLines()
        try await withAuthentication(logger: Logger(label: "capture") { _ in CapturingLogHandler(lines: lines) }) {
            setup in
            let app = try AppID("ttd/skjema-a")
            setup.simulator.setFaults([FaultRule(route: .instance, kind: .tokenExpiry, firstRequests: 1)])
            let page = try await setup.client.eventsPage(app: app, after: .start, types: [], size: 5)
            for event in page.items.compactMap(\.value) {
                let id = try InstanceID(try #require(event.resourceinstance))
                _ = try await setup.client.instance(app: app, id: id, from: .storage)
            }
            let altinnToken = try await setup.authenticator.altinnToken()
            let maskinportenToken = try await setup.maskinporten.token().value
            let logged = lines.all.joined(separator: "\n")
            #expect(!logged.isEmpty, "the capture saw the logs")
            for secret in [altinnToken, maskinportenToken] {
                let signature = String(secret.split(separator: ".").last ?? "")
                #expect(!logged.contains(signature), "a token signature appears in the logs")
                #expect(!logged.contains(secret))
            }
            #expect(!"\(setup.authenticator)".contains(altinnToken))
        }
    }
}

/// The simulator with a registered client, and the project's clients configured for it.
struct AuthenticationSetup: Sendable {
    let simulator: AltinnSimulator
    let folder: URL
    let endpoints: AltinnEndpoints
    let http: HTTPClient
    let mpClient: MaskinportenClient
    let maskinporten: AccessTokenCache
    let authenticator: AltinnAuthenticator
    let client: AltinnClient
    let logger: Logger
}

func withAuthentication(
    _ configure: (inout SimulatorConfiguration) -> Void = { _ in },
    logger: Logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() },
    _ body: (AuthenticationSetup) async throws -> Void
) async throws {
    var configuration = SimulatorConfiguration()
    configuration.instanceCount = 6
    configure(&configuration)
    let simulator = try await AltinnSimulator.start(configuration)
    let folder = FileManager.default.temporaryDirectory.appending(path: "altinn-auth-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    do {
        let written = try simulator.writeConfig(to: folder.appending(path: "altinn-sync.json").path)
        let endpoints = try AltinnEndpoints(environment: simulator.environment, org: Org("ttd"))
        let http = HTTPClient(configuration: HTTPClientConfiguration(retry: .never))
        var debugLogger = logger
        debugLogger.logLevel = .trace
        let mpClient = MaskinportenClient(
            configuration: MaskinportenConfiguration(
                issuer: endpoints.maskinportenIssuer, clientID: written.clientID,
                scopes: RegisteredClient.serviceOwnerScopes.sorted()),
            identity: try SigningIdentity.load(.pem(file: written.keyPath, kid: written.keyID)), httpClient: http)
        let maskinporten = mpClient.makeTokenCache(logger: debugLogger)
        let authenticator = AltinnAuthenticator(
            http: http, endpoints: endpoints, maskinporten: maskinporten, cacheFile: nil, logger: debugLogger)
        let client = AltinnClient(http: http, endpoints: endpoints, tokens: authenticator, logger: debugLogger)
        try await body(
            AuthenticationSetup(
                simulator: simulator, folder: folder, endpoints: endpoints, http: http, mpClient: mpClient,
                maskinporten: maskinporten, authenticator: authenticator, client: client, logger: debugLogger))
    } catch {
        await simulator.stop()
        throw error
    }
    await simulator.stop()
}

/// Log lines kept in memory.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

/// A log handler that renders every event, metadata included, into ``LogLines``.
struct CapturingLogHandler: LogHandler {
    let lines: LogLines
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        lines.append("\(event.level) \(event.message) \(merged)")
    }
}
