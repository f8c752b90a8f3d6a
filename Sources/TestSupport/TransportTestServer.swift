public import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A local HTTP/1.1 server with endpoints that exercise an HTTP client: status codes, large and slow
/// bodies, truncated bodies, connection resets, `Retry-After`, redirects, header and body echo, and
/// scripted responses.
///
/// Endpoints (all under `http://127.0.0.1:<port>`):
/// - `GET /status/{code}`: that status, body `status {code}`.
/// - `GET /bytes/{count}?seed=S`: `count` bytes of ``pattern(offset:count:seed:)`` with Content-Length.
/// - `GET /chunked/{count}?seed=S`: the same, chunked (no Content-Length).
/// - `GET /slow?first=K&interval_ms=M&count=N`: K bytes at once, then one byte every M ms, N bytes in all.
/// - `GET /delay/{ms}`: waits, then `ok`.
/// - `GET /held/{ms}`: waits, then `ok`, counting the requests it serves at once (``heldPeak``) and in all
///   (``heldArrivals``).
/// - `GET /truncate/{count}`: announces `count` bytes, sends half, closes the connection.
/// - `GET /reset/{count}`: announces `count` bytes, sends half, resets the connection (TCP RST).
/// - `GET /flaky/{key}?failures=N&status=503&retry_after=V`: the first N requests per key get `status`
///   (with `Retry-After: V` when given), later ones `200 recovered`.
/// - `GET|POST /redirect?to=URL&status=302`: a redirect to URL.
/// - `GET|POST /headers`: the request's header fields as a JSON object (lowercased names).
/// - `POST /echo`: the request body, with `X-Method` set to the method.
/// - `GET /connection`: the client's address and port (one value per TCP connection).
/// - `ANY /scripted/{name}`: the responses given to ``script(_:_:)``, in order; the last one repeats.
public final class TransportTestServer: Sendable {
    /// One canned response for a scripted endpoint.
    public struct ScriptedResponse: Sendable {
        /// The status code.
        public var status: Int
        /// Extra header fields.
        public var headers: [String: String]
        /// The body.
        public var body: String

        /// Creates a canned response.
        public init(status: Int, headers: [String: String] = [:], body: String = "") {
            self.status = status
            self.headers = headers
            self.body = body
        }
    }

    /// A request the server received on a scripted endpoint.
    public struct RecordedRequest: Sendable {
        /// The method.
        public var method: String
        /// The header fields, lowercased names.
        public var headers: [String: String]
        /// The body.
        public var body: Data
    }

    private let log: TransportTestLog
    private let runner: ServerRunner

    /// The port the server listens on.
    public var port: Int { runner.port }

    /// Starts a server on 127.0.0.1 with a free port.
    public init() async throws {
        let log = TransportTestLog()
        let router = Router(context: ChannelRequestContext.self)
        TransportRoutes.add(to: router, log: log)
        self.log = log
        runner = try await ServerRunner { onPort in
            Application(
                router: router,
                configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "transport-test"),
                onServerRunning: { channel in onPort(channel.localAddress?.port ?? 0) },
                logger: Logger(label: "transport-test", factory: { _ in SwiftLogNoOpLogHandler() }))
        }
    }

    /// Stops the server.
    public func stop() async {
        await runner.stop()
    }

    /// The URL of `pathAndQuery` on this server.
    public func url(_ pathAndQuery: String) -> URL {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(pathAndQuery)") else {
            preconditionFailure("not a path and query: \(pathAndQuery)")
        }
        return url
    }

    /// Sets the responses of `/scripted/{name}`.
    public func script(_ name: String, _ responses: [ScriptedResponse]) {
        log.script(name, responses)
    }

    /// The most requests `/held/{ms}` served at once.
    public var heldPeak: Int { log.held.peak }

    /// How many requests `/held/{ms}` received.
    public var heldArrivals: Int { log.held.arrivals }

    /// The requests `/scripted/{name}` received, in order.
    public func requests(_ name: String) -> [RecordedRequest] {
        log.requests(name)
    }

    /// The period of the body pattern: a prime, so that it never lines up with buffer sizes.
    static let patternPeriod = 65521

    /// The byte at `offset` of the deterministic body pattern for `seed`.
    public static func patternByte(_ offset: Int, seed: Int) -> UInt8 {
        let position = offset % patternPeriod
        return UInt8(truncatingIfNeeded: (position &* 31) ^ (position >> 7) ^ seed)
    }

    /// `count` bytes of the body pattern starting at `offset`, built from whole periods so that
    /// gigabytes cost little time and no memory beyond the result.
    public static func pattern(offset: Int, count: Int, seed: Int) -> [UInt8] {
        let period = (0..<patternPeriod).map { patternByte($0, seed: seed) }
        var result = [UInt8]()
        result.reserveCapacity(count)
        var position = offset % patternPeriod
        while result.count < count {
            let take = min(patternPeriod - position, count - result.count)
            result.append(contentsOf: period[position..<(position + take)])
            position = 0
        }
        return result
    }
}

/// What the server remembers between requests: hit counters, scripts, recorded requests.
final class TransportTestLog: Sendable {
    private struct State {
        var hits: [String: Int] = [:]
        var scripts: [String: [TransportTestServer.ScriptedResponse]] = [:]
        var recorded: [String: [TransportTestServer.RecordedRequest]] = [:]
        var held = Held()
    }

    /// The requests of `/held/{ms}`: in service now, at most at once, and in all.
    struct Held {
        var now = 0
        var peak = 0
        var arrivals = 0
    }

    var held: Held { state.withLock { $0.held } }

    func holdStarted() {
        state.withLock { state in
            state.held.now += 1
            state.held.arrivals += 1
            state.held.peak = max(state.held.peak, state.held.now)
        }
    }

    func holdEnded() {
        state.withLock { $0.held.now -= 1 }
    }

    private let state = Mutex(State())

    func nextHit(_ key: String) -> Int {
        state.withLock { state in
            state.hits[key, default: 0] += 1
            return state.hits[key, default: 0]
        }
    }

    func script(_ name: String, _ responses: [TransportTestServer.ScriptedResponse]) {
        state.withLock { $0.scripts[name] = responses }
    }

    func requests(_ name: String) -> [TransportTestServer.RecordedRequest] {
        state.withLock { $0.recorded[name] ?? [] }
    }

    func scripted(
        _ name: String, _ request: TransportTestServer.RecordedRequest
    ) -> TransportTestServer.ScriptedResponse {
        state.withLock { state in
            state.recorded[name, default: []].append(request)
            var responses = state.scripts[name] ?? []
            guard !responses.isEmpty else {
                return TransportTestServer.ScriptedResponse(status: 404, body: "no script \(name)")
            }
            let next = responses.removeFirst()
            if !responses.isEmpty { state.scripts[name] = responses }
            return next
        }
    }
}
