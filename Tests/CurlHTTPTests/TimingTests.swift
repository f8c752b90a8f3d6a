import CurlHTTP
import Foundation
import Glibc
import TestSupport
import Testing

@Suite struct TimeoutTests {
    @Test func aStalledBodyTimesOutAsStalled() async throws {
        try await withServer { server in
            let client = makeClient(
                retry: .never, timeouts: HTTPTimeouts(stall: .seconds(1), stallMinimumBytesPerSecond: 100))
            let directory = try makeTemporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("stalled").path
            let error = try await #require(throws: HTTPError.self) {
                try await client.download(
                    HTTPRequest(url: server.url("/slow?first=0&interval_ms=3000&count=5")), to: file)
            }
            #expect(error.code == .stalled)
            #expect(!FileManager.default.fileExists(atPath: file))
        }
    }

    @Test func anAPICallHitsItsDeadlineButADownloadHasNone() async throws {
        try await withServer { server in
            let client = HTTPClient(
                configuration: HTTPClientConfiguration(
                    timeouts: HTTPTimeouts(stall: .seconds(10), apiDeadline: .seconds(1)), retry: .never))
            let error = try await #require(throws: HTTPError.self) {
                try await client.send(HTTPRequest(url: server.url("/delay/3000")))
            }
            #expect(error.code == .deadlineExceeded)
            // The same slow-but-moving body as a download: 6 bytes over ~1.5 s, longer than the API deadline.
            let directory = try makeTemporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let download = try await client.download(
                HTTPRequest(url: server.url("/slow?first=1&interval_ms=300&count=6")),
                to: directory.appendingPathComponent("slow").path)
            #expect(download.byteCount == 6)
        }
    }

    @Test func aPeerThatNeverCompletesTheHandshakeHitsTheConnectTimeout() async throws {
        // A listening socket that never accepts: TCP connects through the backlog, TLS never answers.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                try #require(bind(listener, raw, length) == 0)
                try #require(getsockname(listener, raw, &length) == 0)
            }
        }
        try #require(listen(listener, 8) == 0)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let client = makeClient(retry: .never, timeouts: HTTPTimeouts(connect: .seconds(1)))
        let started = ContinuousClock.now
        let error = try await #require(throws: HTTPError.self) {
            try await client.send(HTTPRequest(url: URL(string: "https://localhost:\(port)/x")!))
        }
        #expect(error.code == .connectTimeout)
        #expect(ContinuousClock.now - started < .seconds(50), "the 1 s connect timeout, not the 60 s stall timeout")
    }
}

@Suite struct CancellationTests {
    @Test func cancellingTheTaskAbortsADownloadPromptlyAndRemovesTheFile() async throws {
        try await withServer { server in
            let directory = try makeTemporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("cancelled").path
            let client = makeClient()
            let task = Task {
                try await client.download(
                    HTTPRequest(url: server.url("/slow?first=5000&interval_ms=200&count=6000")), to: file)
            }
            try await Task.sleep(for: .milliseconds(500))
            #expect(FileManager.default.fileExists(atPath: file), "the download is under way")
            let cancelled = ContinuousClock.now
            task.cancel()
            let result = await task.result
            #expect(ContinuousClock.now - cancelled < .seconds(10), "not the 200 s the rest of the body takes")
            #expect(throws: CancellationError.self) { try result.get() }
            #expect(!FileManager.default.fileExists(atPath: file))
        }
    }

    @Test func anAlreadyCancelledTaskSendsNothing() async throws {
        try await withServer { server in
            server.script("never", [.init(status: 200)])
            let client = makeClient()
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await client.send(HTTPRequest(url: server.url("/scripted/never")))
            }
            await #expect(throws: CancellationError.self) { try await task.value }
            try await Task.sleep(for: .milliseconds(100))
            #expect(server.requests("never").isEmpty)
        }
    }
}

@Suite struct ConcurrencyTests {
    @Test func runsSixtyFourTransfersAtOnceEachWithItsOwnBody() async throws {
        try await withServer { server in
            let client = makeClient()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for seed in 0..<64 {
                    group.addTask {
                        let count = 10_000 + seed * 997
                        let response = try await client.send(
                            HTTPRequest(url: server.url("/bytes/\(count)?seed=\(seed)")))
                        #expect(response.body == Data(TransportTestServer.pattern(offset: 0, count: count, seed: seed)))
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    @Test func reusesTheConnectionForSequentialRequests() async throws {
        try await withServer { server in
            let client = makeClient()
            var peers = Set<String>()
            for _ in 0..<10 {
                let response = try await client.send(HTTPRequest(url: server.url("/connection")))
                peers.insert(String(decoding: response.body, as: UTF8.self))
            }
            #expect(peers.count == 1, "keep-alive: one connection, saw \(peers)")
        }
    }
}
