import CurlHTTP
import Foundation
import Synchronization
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Peers that misbehave: a redirect fishing for a request body, a proxy refusing the tunnel, a handshake
/// cut short, a client used after shutdown.
@Suite struct HostilePeerTests {
    @Test func aCrossOrigin307NeverCarriesTheRequestBodyThere() async throws {
        try await withServer { server in
            server.script("sink", [.init(status: 200, body: "ok")])
            let client = makeClient(retry: .never)
            defer { client.shutdown() }
            // Same server, but "localhost" and "127.0.0.1" are different origins.
            let target = "http://localhost:\(server.port)/scripted/sink"
            let request = HTTPRequest(
                method: .post, url: server.url("/redirect?status=307&to=\(target)"),
                headers: ["Authorization": "Bearer SECRET-TOKEN", "Content-Type": "application/x-www-form-urlencoded"],
                body: Data("grant_type=jwt-bearer&assertion=SECRET-GRANT".utf8))
            let error = try await #require(throws: HTTPError.self) { try await client.send(request) }
            #expect(error.code == .badRedirect)
            #expect(server.requests("sink").isEmpty, "nothing reached the other origin")
        }
    }

    @Test func aProxyRefusingTheTunnelIsReportedAsSuchAndNotRetried() async throws {
        let proxy = try OneLinePeer(response: "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n")
        let client = HTTPClient(
            configuration: HTTPClientConfiguration(
                retry: RetryPolicy(maxAttempts: 4, initialBackoff: .milliseconds(10), maxBackoff: .milliseconds(20)),
                proxy: ProxySettings(httpsProxy: "http://127.0.0.1:\(proxy.port)")))
        defer { client.shutdown() }
        let error = try await #require(throws: HTTPError.self) {
            try await client.send(HTTPRequest(url: URL(string: "https://example.invalid/x")!))
        }
        #expect(error.code == .proxyRefused)
        #expect(error.status == nil, "407 is the proxy's answer, not the origin's")
        #expect(error.detail.contains("407"))
        #expect(!error.isTransient)
        #expect(proxy.connections == 1)
    }

    @Test func aHandshakeCutShortIsATransientConnectFailureAndIsRetried() async throws {
        let peer = try OneLinePeer(response: "")  // accepts, reads the ClientHello, closes
        let client = makeClient()
        defer { client.shutdown() }
        let error = try await #require(throws: HTTPError.self) {
            try await client.send(HTTPRequest(method: .post, url: URL(string: "https://127.0.0.1:\(peer.port)/x")!))
        }
        #expect(error.code == .connectFailed, "\(error)")
        #expect(error.isTransient)
        #expect(error.attempts == 4, "nothing was sent, so even a POST is retried")
    }

    @Test func requestsAfterShutdownFailAsCancelledWithoutTouchingTheEngine() async throws {
        let client = HTTPClient()
        client.shutdown()
        let cancelled = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await client.send(HTTPRequest(url: URL(string: "http://127.0.0.1:9/")!))
        }
        await #expect(throws: CancellationError.self) { try await cancelled.value }
        await #expect(throws: CancellationError.self) {
            try await client.send(HTTPRequest(url: URL(string: "http://127.0.0.1:9/")!))
        }
    }
}

/// A TCP server on 127.0.0.1 that reads each connection's first bytes, answers a fixed response, and closes.
final class OneLinePeer: Sendable {
    let port: Int
    private let count = Mutex(0)

    /// How many connections it accepted.
    var connections: Int { count.withLock { $0 } }

    init(response: String) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        try #require(bound == 0 && listen(fd, 16) == 0)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread { [self] in
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 { return }
                count.withLock { $0 += 1 }
                var buffer = [UInt8](repeating: 0, count: 4096)
                _ = read(client, &buffer, buffer.count)
                _ = response.withCString { write(client, $0, strlen($0)) }
                close(client)
            }
        }.start()
    }
}
