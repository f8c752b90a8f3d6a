import AltinnAPI
import AltinnSimulator
import Foundation
import Testing

@Suite("Ledger, truth and seeded data")
struct LedgerAndTruthTests {
    @Test("unexpected paths get 404 and a ledger entry; unauthorized requests are recorded")
    func unexpectedAndUnauthorized() async throws {
        try await withSimulator { harness in
            let reply = try await harness.get("/storage/api/v1/instanzes/1/2")
            #expect(reply.status == 404)
            let wrongMethod = try await harness.post("/events/api/v1/app/ttd/skjema-a")
            #expect(wrongMethod.status == 404)
            let badGUID = try await harness.get("/storage/api/v1/instances/1/not-a-guid", token: try harness.token())
            #expect(badGUID.status == 404)
            _ = try await harness.get("/storage/api/v1/instances?org=ttd")
            let ledger = harness.simulator.ledger()
            #expect(
                ledger.entries(.unexpectedPath).map(\.path) == [
                    "/storage/api/v1/instanzes/1/2", "/events/api/v1/app/ttd/skjema-a",
                    "/storage/api/v1/instances/1/not-a-guid",
                ])
            #expect(ledger.entries(.unexpectedPath).map(\.method) == ["GET", "POST", "GET"])
            #expect(ledger.entries(.unauthorized).map(\.reason) == ["no bearer token"])
        }
    }

    @Test("the admin endpoints serve the truth and the ledger as JSON")
    func adminEndpoints() async throws {
        try await withSimulator { harness in
            _ = try await harness.get("/nowhere")
            let truth = try JSONDecoder().decode(SimulatorTruth.self, from: try await harness.get("/_sim/truth").body)
            #expect(truth == harness.simulator.truth())
            #expect(truth.instances.count == 12)
            let ledgerReply = try await harness.get("/_sim/ledger")
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let ledger = try decoder.decode(SimulatorLedger.self, from: ledgerReply.body)
            #expect(ledger.entries(.unexpectedPath).map(\.path) == ["/nowhere"])
        }
    }

    @Test("the same seed gives the same data; another seed gives other data")
    func determinism() async throws {
        let first = try await Self.truth(seed: 7)
        let second = try await Self.truth(seed: 7)
        let other = try await Self.truth(seed: 8)
        #expect(first == second)
        #expect(Set(first.instances.map(\.guid)).isDisjoint(with: other.instances.map(\.guid)))
    }

    @Test("seeded data has every quirk: in progress, lost and duplicated events, both apps, unusual elements")
    func seededVariety() async throws {
        try await withSimulator({
            $0.instanceCount = 30
            $0.infectedInstance = true
        }) { harness in
            let truth = harness.simulator.truth()
            #expect(truth.instances.count == 30)
            #expect(Set(truth.instances.map(\.app)) == ["skjema-a", "skjema-b"])
            let inProgress = truth.instances.filter { !$0.completed }
            #expect(inProgress.count == 6)
            let lost = truth.instances.filter { $0.eventLost }
            #expect(lost.count == 2)
            #expect(lost.filter { !$0.completed }.isEmpty)
            let scans = truth.instances.flatMap { $0.dataElements.map(\.fileScanResult) }
            #expect(scans.contains("Infected"))
            let counts = truth.instances.map { $0.dataElements.count }
            #expect(counts.min() ?? 0 >= 1 && counts.max() ?? 9 <= 5)
            let firstTypes = truth.instances.map { $0.dataElements.first?.dataType }
            #expect(Set(firstTypes) == ["model"])
            let receipts = truth.instances.filter { instance in
                instance.dataElements.contains { $0.dataType == "ref-data-as-pdf" }
            }
            #expect(receipts.map(\.guid) == truth.instances.filter { $0.completed }.map(\.guid))

            let token = try harness.token()
            let completed = try await Self.completedEventCounts(harness, token: token)
            let lostIDs = Set(lost.map(\.instanceID))
            #expect(lostIDs.isDisjoint(with: completed.keys))
            #expect(completed.values.contains(2), "some completions were registered twice")
            let withEvents = truth.instances.filter { $0.completed && !$0.eventLost }.map(\.instanceID)
            #expect(Set(completed.keys) == Set(withEvents))
        }
    }

    /// How many `completed` events each instance has, over both apps.
    static func completedEventCounts(_ harness: SimulatorHarness, token: String) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for app in ["ttd/skjema-a", "ttd/skjema-b"] {
            let (events, _) = try await harness.events(
                app, query: "after=0&size=1000&type=app.instance.process.completed", token: token)
            for event in events { counts[event.resourceinstance ?? "", default: 0] += 1 }
        }
        return counts
    }

    @Test("instances added at run time appear in the truth, the events and the query")
    func runtimeAdditions() async throws {
        try await withSimulator { harness in
            let token = try harness.token()
            let added = harness.simulator.addInstance(app: "ttd/skjema-b", completed: false)
            #expect(!added.completed)
            #expect(harness.simulator.completeProcess(guid: added.guid))
            #expect(!harness.simulator.completeProcess(guid: added.guid), "an ended process cannot end again")
            let (events, _) = try await harness.events(
                "ttd/skjema-b", query: "after=0&size=1000&type=app.instance.process.completed", token: token)
            #expect(events.last?.resourceinstance == added.instanceID)
            let published = harness.simulator.publishEvent(
                type: "app.instance.process.completed", instanceGUID: added.guid)
            let eventID = try #require(published)
            let lastID = try #require(events.last?.id)
            let (after, _) = try await harness.events("ttd/skjema-b", query: "after=\(lastID)", token: token)
            #expect(after.map(\.id) == [eventID])
            let document = try #require(harness.simulator.instance(guid: added.guid))
            #expect(document.process?.ended != nil)
            #expect(document.data.contains { $0.dataType == "ref-data-as-pdf" })
        }
    }

    @Test(
        "invalid configurations are refused before anything starts",
        arguments: [
            { (configuration: inout SimulatorConfiguration) in configuration.apps = ["other/skjema"] },
            { (configuration: inout SimulatorConfiguration) in configuration.apps = ["ttd/Skjema A"] },
            { (configuration: inout SimulatorConfiguration) in configuration.inProgressShare = 1.5 },
            { (configuration: inout SimulatorConfiguration) in configuration.unknownInstanceCompleteStatus = 404 },
            { (configuration: inout SimulatorConfiguration) in configuration.orgNumber = "12345" },
        ] as [@Sendable (inout SimulatorConfiguration) -> Void])
    func invalidConfiguration(change: @Sendable (inout SimulatorConfiguration) -> Void) async {
        var configuration = SimulatorConfiguration()
        change(&configuration)
        await #expect(throws: SimulatorError.self) {
            let simulator = try await AltinnSimulator.start(configuration)
            await simulator.stop()
        }
    }

    static func truth(seed: UInt64) async throws -> SimulatorTruth {
        var truth: SimulatorTruth?
        try await withSimulator({ $0.seed = seed }) { harness in truth = harness.simulator.truth() }
        return try #require(truth)
    }
}
