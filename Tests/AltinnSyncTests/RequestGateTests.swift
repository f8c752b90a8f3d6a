import Foundation
import Testing

@testable import AltinnSync

/// The gate in front of Altinn: never more requests in flight than the limit, the most urgent waiter first,
/// and a cancelled waiter leaves at once.
@Suite struct RequestGateTests {
    @Test(arguments: [1, 3, 8])
    func neverMoreInFlightThanTheLimit(limit: Int) async throws {
        let gate = RequestGate(limit: limit)
        let inFlight = Shared((now: 0, most: 0))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<60 {
                group.addTask {
                    try await gate.withSlot(index % 5 == 0 ? .pageRead : .instance(index)) {
                        inFlight.change {
                            $0.now += 1
                            $0.most = max($0.most, $0.now)
                        }
                        try await Task.sleep(for: .milliseconds(Int.random(in: 1...8)))
                        inFlight.change { $0.now -= 1 }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(inFlight.value.most == limit)
        #expect(gate.peakInFlight == limit)
        #expect(inFlight.value.now == 0)
    }

    @Test func aFreedSlotGoesToPageReadsThenToTheEarliestInstance() async throws {
        let order = try await servedOrder([
            ("job 9", .instance(9)), ("job 2", .instance(2)), ("page", .pageRead), ("job 5", .instance(5)),
        ])
        #expect(order == ["page", "job 2", "job 5", "job 9"])
    }

    @Test func laterStepsRankAsIfTheirJobStartedOneSpanLater() async throws {
        let order = try await servedOrder([
            ("confirm 1", .instance(1, .confirm, stepSpan: 4)), ("read 12", .instance(12)),
            ("download 3", .instance(3, .download, stepSpan: 4)), ("read 8", .instance(8)),
            ("download 9", .instance(9, .download, stepSpan: 4)),
        ])
        // Ranks: download 3 -> 3 + 4, read 8 -> 8, confirm 1 -> 1 + 8, read 12 -> 12, download 9 -> 9 + 4.
        #expect(order == ["download 3", "read 8", "confirm 1", "read 12", "download 9"])
    }

    /// The order in which `waiters`, queued one after another behind a taken slot, get it.
    private func servedOrder(_ waiters: [(String, RequestGate.Priority)]) async throws -> [String] {
        let gate = RequestGate(limit: 1)
        let order = Shared<[String]>([])
        let release = AsyncStream<Void>.makeStream()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await gate.withSlot(.instance(1)) {
                    for await _ in release.stream { break }
                }
            }
            // Wait until the slot is taken, then queue the waiters in the order given.
            while gate.peakInFlight == 0 { await Task.yield() }
            for (name, priority) in waiters {
                group.addTask { try await gate.withSlot(priority) { order.change { $0.append(name) } } }
                try await Task.sleep(for: .milliseconds(20))
            }
            release.continuation.yield()
            try await group.waitForAll()
        }
        return order.value
    }

    @Test func aCancelledWaiterLeavesWithoutTakingASlot() async throws {
        let gate = RequestGate(limit: 1)
        let holder = Task { try await gate.withSlot(.instance(1)) { try await Task.sleep(for: .seconds(30)) } }
        while gate.peakInFlight == 0 { await Task.yield() }
        let waiter = Task { try await gate.withSlot(.instance(2)) { "ran" } }
        try await Task.sleep(for: .milliseconds(50))
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        holder.cancel()
        _ = try? await holder.value
        #expect(try await gate.withSlot(.instance(3)) { "free again" } == "free again")
    }

    @Test func theGateLetsAQuarterMoreThroughOnlyWhereTheTransportHoldsToConcurrency() throws {
        #expect(RunContext.handoffDepth(concurrency: 8, running: 8) == 2)
        #expect(RunContext.handoffDepth(concurrency: 32, running: 32) == 8)
        #expect(RunContext.handoffDepth(concurrency: 3, running: 3) == 0, "a small concurrency keeps exact order")
        #expect(RunContext.handoffDepth(concurrency: 8, running: 0) == 0, "a gateway that holds nothing back")
        #expect(RunContext.handoffDepth(concurrency: 8, running: 16) == 0, "a transport that runs more")
        // The sync's transport holds requests to exactly `concurrency`.
        let configuration = try ConfigurationLoader.parse(
            Data(minimalConfig(set: ["concurrency": "12"]).utf8), file: "/etc/altinn-sync/config.json")
        #expect(configuration.httpClientConfiguration(environment: [:]).maxRunningTransfers == 12)
    }
}
