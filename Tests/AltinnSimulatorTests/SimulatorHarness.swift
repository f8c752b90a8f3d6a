import AltinnAPI
import AltinnSimulator
import CurlHTTP
import Foundation
import Testing

/// A response whatever its status.
struct Reply {
    var status: Int
    var headers: HTTPHeaders
    var body: Data

    var text: String { String(decoding: body, as: UTF8.self) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try AltinnJSON.decode(type, from: body)
    }
}

/// A running simulator and a CurlHTTP client that talks to it.
struct SimulatorHarness {
    let simulator: AltinnSimulator
    let client: HTTPClient

    /// The test default: 12 instances, no visibility lag.
    static func configuration(
        _ configure: (inout SimulatorConfiguration) throws -> Void
    ) rethrows -> SimulatorConfiguration {
        var configuration = SimulatorConfiguration()
        configuration.instanceCount = 12
        try configure(&configuration)
        return configuration
    }

    static func start(
        retry: RetryPolicy = .never, _ configure: (inout SimulatorConfiguration) throws -> Void = { _ in }
    ) async throws -> SimulatorHarness {
        let simulator = try await AltinnSimulator.start(try configuration(configure))
        let client = HTTPClient(
            configuration: HTTPClientConfiguration(
                timeouts: HTTPTimeouts(connect: .seconds(5), stall: .seconds(10), apiDeadline: .seconds(20)),
                retry: retry))
        return SimulatorHarness(simulator: simulator, client: client)
    }

    func stop() async {
        client.shutdown()
        await simulator.stop()
    }

    func url(_ pathAndQuery: String) -> URL {
        URL(string: simulator.baseURL.absoluteString + pathAndQuery)!
    }

    /// A service owner's Altinn token, straight from the simulator.
    func token(scopes: Set<String> = RegisteredClient.serviceOwnerScopes) throws -> String {
        try simulator.altinnToken(scopes: scopes)
    }

    func get(_ pathAndQuery: String, token: String? = nil, headers: [(String, String)] = []) async throws -> Reply {
        try await send(HTTPRequest(url: url(pathAndQuery)), token: token, headers: headers)
    }

    func post(
        _ pathAndQuery: String, token: String? = nil, body: Data? = nil, headers: [(String, String)] = []
    )
        async throws -> Reply
    {
        try await send(HTTPRequest(method: .post, url: url(pathAndQuery), body: body), token: token, headers: headers)
    }

    func send(_ request: HTTPRequest, token: String? = nil, headers: [(String, String)] = []) async throws -> Reply {
        var request = request
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        do {
            let response = try await client.send(request)
            return Reply(status: response.status, headers: response.headers, body: response.body)
        } catch let error as HTTPError where error.code == .status {
            return Reply(status: error.status ?? 0, headers: error.headers, body: error.body)
        }
    }

    /// The events of `app` after `after`, as decoded CloudEvents.
    func events(_ app: String = "ttd/skjema-a", query: String, token: String) async throws -> ([CloudEvent], Reply) {
        let reply = try await get("/events/api/v1/app/\(app)?\(query)", token: token)
        #expect(reply.status == 200, "\(reply.text)")
        return (try reply.decode([CloudEvent].self), reply)
    }
}

/// Runs `body` against a fresh simulator and stops it afterwards.
func withSimulator(
    retry: RetryPolicy = .never, _ configure: (inout SimulatorConfiguration) throws -> Void = { _ in },
    _ body: (SimulatorHarness) async throws -> Void
) async throws {
    let harness = try await SimulatorHarness.start(retry: retry, configure)
    do {
        try await body(harness)
    } catch {
        await harness.stop()
        throw error
    }
    await harness.stop()
}
