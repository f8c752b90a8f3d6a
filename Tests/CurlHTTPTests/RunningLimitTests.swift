import CurlHTTP
import Foundation
import TestSupport
import Testing

/// `maxRunningTransfers`: the client never runs more transfers at once than allowed, the others wait for a
/// place, and a waiting one can be cancelled without ever reaching the server.
@Suite struct RunningLimitTests {
    private func client(running: Int) -> HTTPClient {
        HTTPClient(configuration: HTTPClientConfiguration(maxConnectionsPerHost: 16, maxRunningTransfers: running))
    }

    @Test func neverRunsMoreTransfersAtOnceThanTheLimit() async throws {
        try await withServer { server in
            let client = client(running: 3)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<12 {
                    group.addTask { try await client.send(HTTPRequest(url: server.url("/held/80"))).status }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 200, count: 12))
            #expect(server.heldArrivals == 12)
            #expect(server.heldPeak == 3)
        }
    }

    @Test func withoutALimitEveryTransferRunsAtOnce() async throws {
        try await withServer { server in
            let client = client(running: 0)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<6 {
                    group.addTask { _ = try await client.send(HTTPRequest(url: server.url("/held/300"))) }
                }
                try await group.waitForAll()
            }
            #expect(server.heldPeak == 6)
        }
    }

    @Test func aWaitingTransferIsCancelledWithoutReachingTheServer() async throws {
        try await withServer { server in
            let client = client(running: 1)
            let running = Task { try await client.send(HTTPRequest(url: server.url("/held/1500"))).status }
            while server.heldArrivals == 0 { try await Task.sleep(for: .milliseconds(5)) }
            let waiting = Task { try await client.send(HTTPRequest(url: server.url("/held/10"))).status }
            try await Task.sleep(for: .milliseconds(100))
            waiting.cancel()
            await #expect(throws: CancellationError.self) { try await waiting.value }
            #expect(server.heldArrivals == 1)
            #expect(try await running.value == 200)
            // The place the cancelled transfer waited for is free for the next one.
            #expect(try await client.send(HTTPRequest(url: server.url("/held/10"))).status == 200)
            #expect(server.heldArrivals == 2)
        }
    }

    @Test func shuttingDownFailsTheWaitingTransfersToo() async throws {
        try await withServer { server in
            let client = client(running: 1)
            let running = Task { try await client.send(HTTPRequest(url: server.url("/held/3000"))).status }
            while server.heldArrivals == 0 { try await Task.sleep(for: .milliseconds(5)) }
            let waiting = Task { try await client.send(HTTPRequest(url: server.url("/held/10"))).status }
            try await Task.sleep(for: .milliseconds(100))
            client.shutdown()
            await #expect(throws: CancellationError.self) { try await running.value }
            await #expect(throws: CancellationError.self) { try await waiting.value }
            #expect(server.heldArrivals == 1)
        }
    }
}
