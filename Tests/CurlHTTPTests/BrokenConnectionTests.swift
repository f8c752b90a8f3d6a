import CurlHTTP
import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A kept-alive connection poisoned by an earlier response (a `Content-Length` shorter than the bytes that
/// followed) costs one immediate retry on a fresh connection, not minutes in the retry ledger.
@Suite struct BrokenConnectionTests {
    @Test func aSafeRequestOnAPoisonedConnectionIsSentAgainAtOnceOnAFreshOne() async throws {
        let peer = try PoisoningPeer()
        let client = makeClient(retry: .never)
        defer { client.shutdown() }
        let first = try await client.send(HTTPRequest(url: peer.url("/first")))
        #expect(String(decoding: first.body, as: UTF8.self) == "hello")

        let second = try await client.send(HTTPRequest(url: peer.url("/second")))

        #expect(String(decoding: second.body, as: UTF8.self) == "fresh")
        #expect(peer.connections == 2, "with retries off, only the fresh-connection retry sends it again")
    }

    @Test func aRequestThatIsNotSafeToRetryIsNotSentAgain() async throws {
        let peer = try PoisoningPeer()
        let client = makeClient(retry: .never)
        defer { client.shutdown() }
        _ = try await client.send(HTTPRequest(url: peer.url("/first")))

        let error = try await #require(throws: HTTPError.self) {
            try await client.send(HTTPRequest(method: .post, url: peer.url("/second"), body: Data("x".utf8)))
        }

        #expect(error.code == .brokenReusedConnection, "\(error)")
        #expect(error.isTransient)
        #expect(peer.connections == 1)
    }
}

/// A loopback HTTP/1.1 server whose first connection answers its first request with a 5-byte body, then
/// answers the second request on that connection with bytes that are not HTTP (what a lying `Content-Length`
/// leaves behind); every later connection answers properly.
final class PoisoningPeer: Sendable {
    let port: Int
    private let accepted = Mutex(0)

    var connections: Int { accepted.withLock { $0 } }

    func url(_ path: String) -> URL { URL(string: "http://127.0.0.1:\(port)\(path)")! }

    init() throws {
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
                let number = accepted.withLock { count in
                    count += 1
                    return count
                }
                Thread { Self.serve(client, poisoned: number == 1) }.start()
            }
        }.start()
    }

    private static func serve(_ client: Int32, poisoned: Bool) {
        defer { close(client) }
        var requests = 0
        while readRequest(client) {
            requests += 1
            let response: String
            switch (poisoned, requests) {
            case (true, 1): response = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello"
            case (true, _): response = "LEFT BEHIND BY THE LAST RESPONSE\r\n\r\n"
            default: response = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nfresh"
            }
            _ = response.withCString { write(client, $0, strlen($0)) }
        }
    }

    /// Reads one request's head and body (a `Content-Length` body); false when the connection closed.
    private static func readRequest(_ client: Int32) -> Bool {
        var received: [UInt8] = []
        var byte: UInt8 = 0
        while !received.ends(with: Array("\r\n\r\n".utf8)) {
            guard read(client, &byte, 1) == 1 else { return false }
            received.append(byte)
        }
        let head = String(decoding: received, as: UTF8.self).lowercased()
        if let range = head.range(of: "content-length:") {
            let digits = head[range.upperBound...].prefix { $0 != "\r" }.trimmingCharacters(in: .whitespaces)
            var body = [UInt8](repeating: 0, count: Int(digits) ?? 0)
            var offset = 0
            while offset < body.count {
                let count = body[offset...].withUnsafeMutableBytes { read(client, $0.baseAddress, $0.count) }
                guard count > 0 else { return false }
                offset += count
            }
        }
        return true
    }
}

extension Array where Element == UInt8 {
    fileprivate func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }
}
