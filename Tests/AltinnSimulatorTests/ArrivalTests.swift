import AltinnAPI
import AltinnSimulator
import Foundation
import Testing

@Suite("Arrivals while the simulator runs")
struct ArrivalTests {
    /// The arrivals recorded so far.
    static func arrivals(_ harness: SimulatorHarness) -> [LedgerEntry] {
        harness.simulator.ledger().entries(.instanceAdded).filter { $0.route == "arrivals" }
    }

    /// Waits (real time) until `count` arrivals are recorded, then a little longer for any extra ones.
    static func settle(_ harness: SimulatorHarness, at count: Int) async throws -> [LedgerEntry] {
        let deadline = ContinuousClock.now + .seconds(10)
        while arrivals(harness).count < count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        try await Task.sleep(for: .milliseconds(300))
        return arrivals(harness)
    }

    @Test("arrivals follow the simulated clock: none while it stands, ten for a minute at 10/min")
    func followTheClock() async throws {
        try await withSimulator({
            $0.arrivals = try ArrivalRate(spec: "10/min")
            $0.inProgressShare = 0.3
        }) { harness in
            harness.simulator.freezeClock()
            let seeded = harness.simulator.truth().instances.count
            try await Task.sleep(for: .milliseconds(500))
            #expect(Self.arrivals(harness).isEmpty, "the frozen clock makes nothing arrive")
            harness.simulator.advanceClock(by: 60)
            let first = try await Self.settle(harness, at: 10)
            #expect(first.count == 10)
            harness.simulator.advanceClock(by: 600)
            let more = try await Self.settle(harness, at: 110)
            #expect(more.count == 110)
            let truth = harness.simulator.truth()
            #expect(truth.instances.count == seeded + 110)
            let arrived = truth.instances.suffix(110)
            #expect(Set(arrived.map(\.app)) == ["skjema-a", "skjema-b"], "random apps")
            #expect(arrived.contains { !$0.completed } && arrived.contains { $0.completed }, "in progress in its share")
            #expect(Set(more.map(\.instanceID)) == Set(arrived.map(\.instanceID)))
            let states = ["completed", "in progress", "completed, event lost", "completed, event registered twice"]
            #expect(more.allSatisfy { states.contains($0.reason ?? "") })
        }
    }

    @Test("the project's client reads the arrivals' events once the visibility lag has passed")
    func projectClientSeesArrivals() async throws {
        try await withSimulator({
            $0.arrivals = try ArrivalRate(spec: "1/s")
            $0.visibilityLag = 30
            $0.instanceCount = 2
            $0.lostEventShare = 0
        }) { harness in
            // The client's Maskinporten grant is checked against the simulated clock: it signs in first.
            harness.simulator.freezeClock()
            let project = try ProjectClient(harness)
            defer { project.remove() }
            let types = ["app.instance.process.completed"]
            let seeded =
                try await project.events("ttd/skjema-a", types: types)
                + (try await project.events("ttd/skjema-b", types: types))
            harness.simulator.advanceClock(by: 5)
            let arrived = try await Self.settle(harness, at: 5)
            #expect(arrived.count == 5)
            let hidden =
                try await project.events("ttd/skjema-a", types: types)
                + (try await project.events("ttd/skjema-b", types: types))
            #expect(hidden.count == seeded.count, "younger than the lag")
            harness.simulator.advanceClock(by: 31)
            let shown =
                try await project.events("ttd/skjema-a", types: types)
                + (try await project.events("ttd/skjema-b", types: types))
            let completed = harness.simulator.truth().instances.filter { truth in
                truth.completed && arrived.contains { $0.instanceID == truth.instanceID }
            }
            #expect(!completed.isEmpty)
            let named = Set(shown.compactMap(\.resourceinstance))
            #expect(Set(completed.map(\.instanceID)).isSubset(of: named))
            for instance in completed.prefix(2) {
                let fetched = try await project.client.instance(
                    app: try AppID("ttd/\(instance.app)"), id: try InstanceID(instance.instanceID), from: .app)
                #expect(fetched.instance.data.map(\.id) == instance.dataElements.map(\.id))
            }
        }
    }

    @Test("stopping the simulator stops the arrivals")
    func stop() async throws {
        var configuration = SimulatorConfiguration()
        configuration.instanceCount = 0
        configuration.arrivals = try ArrivalRate(spec: "10/s")
        let simulator = try await AltinnSimulator.start(configuration)
        let deadline = ContinuousClock.now + .seconds(10)
        while simulator.truth().instances.count < 2, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        await simulator.stop()
        let made = simulator.truth().instances.count
        #expect(made >= 2)
        try await Task.sleep(for: .milliseconds(500))
        #expect(simulator.truth().instances.count == made)
    }
}
