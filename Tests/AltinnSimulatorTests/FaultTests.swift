import AltinnAPI
import AltinnSimulator
import CurlHTTP
import Foundation
import Testing

@Suite("Fault injection")
struct FaultTests {
    static let eventsPath = "/events/api/v1/app/ttd/skjema-a?after=0"

    @Test("the first two requests get 503 with Retry-After, then the endpoint answers")
    func firstRequests() async throws {
        try await withSimulator({ $0.faults = [try FaultRule(spec: "events:503:first2:1")] }) { harness in
            let token = try harness.token()
            for _ in 0..<2 {
                let reply = try await harness.get(Self.eventsPath, token: token)
                #expect(reply.status == 503)
                #expect(reply.headers["Retry-After"] == "1")
            }
            let recovered = try await harness.get(Self.eventsPath, token: token)
            #expect(recovered.status == 200)
            let faults = harness.simulator.ledger().entries(.fault)
            #expect(faults.map(\.route) == ["events", "events"])
            #expect(faults.allSatisfy { $0.reason == "status 503" })
            // Other routes are untouched.
            let query = try await harness.get("/storage/api/v1/instances?org=ttd", token: token)
            #expect(query.status == 200)
        }
    }

    @Test("a retrying client gets through 503s and a 429 by honouring Retry-After")
    func retryingClient() async throws {
        let retry = RetryPolicy(maxAttempts: 4, initialBackoff: .milliseconds(10), maxBackoff: .milliseconds(50))
        try await withSimulator(
            retry: retry,
            {
                $0.faults = [try FaultRule(spec: "events:503:first1:0"), try FaultRule(spec: "events:429:first2:0")]
            }
        ) { harness in
            let reply = try await harness.get(Self.eventsPath, token: try harness.token())
            #expect(reply.status == 200)
            #expect(harness.simulator.ledger().entries(.fault).map(\.reason) == ["status 503", "status 429"])
        }
    }

    @Test("a reset mid-response is a client error and the ledger records an incomplete download")
    func connectionReset() async throws {
        try await withSimulator({ $0.faults = [FaultRule(route: .data, kind: .connectionReset, firstRequests: 1)] }) {
            harness in
            let (instance, element) = try Self.someElement(harness)
            let path = "/storage/api/v1/instances/\(instance.instanceID)/data/\(element.id)"
            await #expect(throws: HTTPError.self) {
                _ = try await harness.client.send(
                    HTTPRequest(url: harness.url(path), headers: ["Authorization": "Bearer \(try harness.token())"]))
            }
            let again = try await harness.get(path, token: try harness.token())
            #expect(SHA256Digest.hex(of: again.body) == element.sha256)
            let downloads = try await Self.settledDownloads(harness, count: 2)
            #expect(downloads.map(\.completed) == [false, true])
            #expect((downloads.first?.bytesSent ?? -1) < element.size)
        }
    }

    @Test("a truncated body announces the full length, so the client notices")
    func truncated() async throws {
        try await withSimulator({ $0.faults = [FaultRule(route: .data, kind: .truncatedBody)] }) { harness in
            let (instance, element) = try Self.someElement(harness)
            let path = "/storage/api/v1/instances/\(instance.instanceID)/data/\(element.id)"
            let token = try harness.token()
            await #expect(throws: HTTPError.self) {
                _ = try await harness.client.send(
                    HTTPRequest(url: harness.url(path), headers: ["Authorization": "Bearer \(token)"]))
            }
            let downloads = try await Self.settledDownloads(harness, count: 1)
            #expect(downloads.first?.completed == false)
            #expect(downloads.first?.bytesSent == element.size / 2)
        }
    }

    @Test("latency delays, slow bodies crawl, and token expiry turns a good token into a 401 for good")
    func latencySlowExpiry() async throws {
        try await withSimulator({
            $0.faults = [
                FaultRule(route: .query, kind: .latency(milliseconds: 300)),
                FaultRule(route: .data, kind: .slowBody(bytesPerSecond: 2000)),
                FaultRule(route: .instance, kind: .tokenExpiry, firstRequests: 1),
            ]
        }) { harness in
            let token = try harness.token()
            let clock = ContinuousClock()
            var start = clock.now
            let query = try await harness.get("/storage/api/v1/instances?org=ttd", token: token)
            #expect(query.status == 200)
            #expect(clock.now - start >= .milliseconds(300))

            let (instance, element) = try Self.someElement(harness, minimumSize: 600)
            start = clock.now
            let reply = try await harness.get(
                "/storage/api/v1/instances/\(instance.instanceID)/data/\(element.id)", token: token)
            #expect(SHA256Digest.hex(of: reply.body) == element.sha256)
            #expect(clock.now - start >= .milliseconds(200))

            let expired = try await harness.get("/storage/api/v1/instances/\(instance.instanceID)", token: token)
            #expect(expired.status == 401)
            #expect(harness.simulator.ledger().entries(.unauthorized).first?.reason == "token expired (fault)")
            let again = try await harness.get("/storage/api/v1/instances/\(instance.instanceID)", token: token)
            #expect(again.status == 401, "an expired token stays expired")
            let fresh = try await harness.get(
                "/storage/api/v1/instances/\(instance.instanceID)", token: try harness.token())
            #expect(fresh.status == 200)
        }
    }

    @Test(
        "fault specs parse as documented, and bad ones say what is wrong",
        arguments: [
            (
                "events:503:first2",
                FaultRule(route: .events, kind: .serverError(status: 503, retryAfter: nil), firstRequests: 2)
            ),
            ("data:reset:0.25", FaultRule(route: .data, kind: .connectionReset, probability: 0.25)),
            ("all:latency:always:200", FaultRule(route: nil, kind: .latency(milliseconds: 200))),
            ("token:429:first1:3", FaultRule(route: .token, kind: .tooManyRequests(retryAfter: 3), firstRequests: 1)),
            ("query:slow", FaultRule(route: .query, kind: .slowBody(bytesPerSecond: 1024))),
            ("instance:expire", FaultRule(route: .instance, kind: .tokenExpiry)),
        ])
    func specs(spec: String, rule: FaultRule) throws {
        #expect(try FaultRule(spec: spec) == rule)
    }

    @Test(
        "bad fault specs are refused",
        arguments: ["events", "nowhere:503", "events:418", "events:503:2", "data:reset:first0"])
    func badSpecs(spec: String) {
        #expect(throws: FaultSpecError.self) { try FaultRule(spec: spec) }
    }

    /// The smallest data element with at least `minimumSize` bytes.
    static func someElement(
        _ harness: SimulatorHarness, minimumSize: Int64 = 100
    ) throws -> (TruthInstance, TruthDataElement) {
        let pairs = harness.simulator.truth().instances.flatMap { instance in
            instance.dataElements.map { (instance, $0) }
        }
        let candidates = pairs.filter { $0.1.size >= minimumSize }
        return try #require(candidates.min { $0.1.size < $1.1.size })
    }

    /// The download entries once `count` have been recorded (a broken body is recorded when the server
    /// notices, which can be just after the client does).
    static func settledDownloads(_ harness: SimulatorHarness, count: Int) async throws -> [LedgerEntry] {
        for _ in 0..<100 {
            let downloads = harness.simulator.ledger().entries(.download)
            if downloads.count >= count { return downloads }
            try await Task.sleep(for: .milliseconds(20))
        }
        return harness.simulator.ledger().entries(.download)
    }
}
