import AltinnAPI
import AltinnSimulator
import CurlHTTP
import Foundation
import Testing

@Suite("The admin API: submissions, completion and purging while the simulator runs")
struct AdminAPITests {
    /// `POST path` with a JSON body, whatever the status.
    static func post(_ harness: SimulatorHarness, _ path: String, _ json: String) async throws -> Reply {
        try await harness.post(path, body: Data(json.utf8), headers: [("Content-Type", "application/json")])
    }

    @Test("{\"count\": N} adds N completed submissions of the first app with their events, and says what it made")
    func countOnly() async throws {
        try await withSimulator { harness in
            let before = harness.simulator.truth().instances.count
            let reply = try await Self.post(harness, "/_sim/instances", #"{"count": 3}"#)
            #expect(reply.status == 201, "\(reply.text)")
            let made = try JSONDecoder().decode(SimulatorTruth.self, from: reply.body)
            #expect(made.instances.count == 3)
            #expect(made.apps == ["ttd/skjema-a", "ttd/skjema-b"])
            let truth = harness.simulator.truth()
            #expect(truth.instances.count == before + 3)
            for instance in made.instances {
                #expect(instance.app == "skjema-a" && instance.completed && !instance.eventLost && !instance.confirmed)
                #expect(
                    instance.events.map(\.type) == [
                        "app.instance.created", "app.instance.process.movedTo.Task_1", "app.instance.process.completed",
                    ])
                #expect(truth.instance(instance.guid) == instance, "the answer is what /_sim/truth says")
                #expect(instance.dataElements.contains { $0.dataType == "ref-data-as-pdf" })
            }
            let added = harness.simulator.ledger().entries(.instanceAdded)
            #expect(added.map(\.instanceID) == made.instances.map(\.instanceID))
            #expect(added.allSatisfy { $0.route == "admin" && $0.method == "POST" && $0.path == "/_sim/instances" })
            #expect(added.allSatisfy { $0.status == 201 && $0.reason == "completed" })

            // The project's own client sees their completed events, and can read and download them.
            let project = try ProjectClient(harness)
            defer { project.remove() }
            let events = try await project.events("ttd/skjema-a", types: ["app.instance.process.completed"])
            let named = Set(events.compactMap(\.resourceinstance))
            #expect(Set(made.instances.map(\.instanceID)).isSubset(of: named))
            let first = try #require(made.instances.first)
            let id = try InstanceID(first.instanceID)
            let document = try await project.client.instance(app: try AppID("ttd/skjema-a"), id: id, from: .storage)
            #expect(document.instance.data.map(\.id) == first.dataElements.map(\.id))
            #expect(document.instance.process?.ended != nil)
        }
    }

    @Test("every member: app, in progress, the data elements' kinds and sizes, and a seed that repeats")
    func everyMember() async throws {
        let body = """
            {"count": 2, "app": "skjema-b", "completed": false, "seed": 77, "dataElements": [
              {"kind": "attachment", "size": 300000}, {"kind": "attachment", "size": 0}, {"kind": "empty"},
              {"kind": "path-traversal"}, {"kind": "infected"}, {"kind": "pending-scan"}, {"kind": "hard-deleted"}]}
            """
        var answers: [SimulatorTruth] = []
        for _ in 0..<2 {
            try await withSimulator { harness in
                let reply = try await Self.post(harness, "/_sim/instances", body)
                #expect(reply.status == 201, "\(reply.text)")
                let made = try JSONDecoder().decode(SimulatorTruth.self, from: reply.body)
                answers.append(made)
                for instance in made.instances {
                    #expect(instance.app == "skjema-b" && !instance.completed)
                    #expect(
                        instance.events.map(\.type) == ["app.instance.created", "app.instance.process.movedTo.Task_1"])
                    let elements = instance.dataElements
                    #expect(elements.map(\.dataType) == ["model"] + Array(repeating: "vedlegg", count: 7))
                    #expect(elements[1].size == 300_000 && elements[2].size == 0 && elements[3].size == 0)
                    #expect(elements[4].filename == "../../etc/passwd")
                    #expect(elements.map(\.fileScanResult).contains("Infected"))
                    #expect(elements.map(\.fileScanResult).contains("Pending"))
                    #expect(elements.contains { $0.isHardDeleted })
                    let large = try await harness.get(
                        "/storage/api/v1/instances/\(instance.instanceID)/data/\(elements[1].id)",
                        token: try harness.token())
                    #expect(large.body.count == 300_000)
                    #expect(SHA256Digest.hex(of: large.body) == elements[1].sha256)
                }
                let again = try await Self.post(harness, "/_sim/instances", body)
                #expect(again.status == 409, "the seed's instances exist already")
                #expect(try Self.problem(again).error.contains("seed 77"))
            }
        }
        #expect(answers.count == 2 && answers[0] == answers[1], "the same seed makes the same instances")
    }

    @Test(
        "bad requests get 400 saying what is wrong and what to write",
        arguments: [
            (#"{"count": 0}"#, "count 0 is out of range"), (#"{"count": 100000}"#, "count 100000 is out of range"),
            (#"{"count": "5"}"#, "count must be a whole number"), (#"{"count": 2.5}"#, "count must be a whole number"),
            (#"{"cont": 5}"#, #"unknown key "cont""#), (#"{"app": "skjema-x"}"#, #"app "skjema-x" is not served"#),
            (#"{"completed": "yes"}"#, "completed must be true or false"), ("[1]", "not a JSON object"),
            ("count=5", "not JSON"), (#"{"completed": false, "eventLost": true}"#, "not completed"),
            (#"{"eventLost": true, "duplicateEvent": true}"#, "cannot also be registered twice"),
            (#"{"dataElements": {"kind": "empty"}}"#, "dataElements must be an array"),
            (#"{"dataElements": [{"kind": "virus"}]}"#, #"kind "virus" is unknown"#),
            (#"{"dataElements": [{"size": 5}]}"#, "needs a kind"),
            (#"{"dataElements": [{"kind": "empty", "colour": "red"}]}"#, #"unknown key "colour" in a data element"#),
            (#"{"dataElements": [{"kind": "infected", "size": 5}]}"#, "size applies to attachments only"),
            (#"{"dataElements": [{"kind": "attachment", "size": -1}]}"#, "size -1 is out of range"),
            (#"{"completed": false, "dataElements": [{"kind": "receipt-without-size"}]}"#, "needs a receipt"),
            (#"{"seed": -3}"#, "seed -3 is out of range"),
        ])
    func badRequests(body: String, error: String) async throws {
        try await withSimulator { harness in
            let before = harness.simulator.truth()
            let reply = try await Self.post(harness, "/_sim/instances", body)
            #expect(reply.status == 400)
            let problem = try Self.problem(reply)
            #expect(problem.error.contains(error), "\(problem.error)")
            #expect(!problem.expected.isEmpty)
            #expect(harness.simulator.truth() == before, "nothing was added")
            #expect(harness.simulator.ledger().entries(.instanceAdded).isEmpty)
        }
    }

    @Test("an instance in progress can be completed: its process ends and its completed event is registered")
    func completeInProgress() async throws {
        try await withSimulator { harness in
            let running = try JSONDecoder().decode(
                SimulatorTruth.self,
                from: try await Self.post(harness, "/_sim/instances", #"{"count": 2, "completed": false}"#).body)
            let (first, second) = (running.instances[0], running.instances[1])
            let done = try await Self.post(harness, "/_sim/instances/\(first.guid)/complete", "")
            #expect(done.status == 200, "\(done.text)")
            let completed = try #require(try JSONDecoder().decode(SimulatorTruth.self, from: done.body).instances.first)
            #expect(completed.completed && completed.guid == first.guid)
            #expect(completed.events.last?.type == "app.instance.process.completed")
            #expect(completed.dataElements.count == first.dataElements.count + 1, "the receipt")

            let lost = try await Self.post(harness, "/_sim/instances/\(second.guid)/complete", #"{"eventLost": true}"#)
            let lostTruth = try #require(try JSONDecoder().decode(SimulatorTruth.self, from: lost.body).instances.first)
            #expect(lostTruth.completed && lostTruth.eventLost)
            #expect(!lostTruth.events.contains { $0.type == "app.instance.process.completed" })

            #expect(try await Self.post(harness, "/_sim/instances/\(first.guid)/complete", "").status == 409)
            let unknown = "00000000-0000-4000-8000-000000000000"
            #expect(try await Self.post(harness, "/_sim/instances/\(unknown)/complete", "").status == 404)
            #expect(try await Self.post(harness, "/_sim/instances/\(second.guid)/complete", #"{"x": 1}"#).status == 400)
            let entries = harness.simulator.ledger().entries(.processCompleted)
            #expect(entries.map(\.instanceID) == [first.instanceID, second.instanceID])
            #expect(entries.map(\.reason) == ["event registered", "event lost"])
        }
    }

    @Test("purging deletes events as retention would; the truth and the Events API agree")
    func purge() async throws {
        try await withSimulator { harness in
            let token = try harness.token()
            let (seeded, _) = try await harness.events(query: "after=0&size=1000", token: token)
            #expect(!seeded.isEmpty)
            let day = try await Self.post(harness, "/_sim/events/purge", #"{"olderThanSeconds": 86400}"#)
            let counts = try JSONDecoder().decode([String: Int].self, from: day.body)
            let (left, _) = try await harness.events(query: "after=0&size=1000", token: token)
            #expect((counts["purged"] ?? 0) > 0 && left.count < seeded.count)
            let retained = harness.simulator.truth().instances.reduce(0) { $0 + $1.events.count }
            #expect(counts["retained"] == retained)
            let all = try await Self.post(harness, "/_sim/events/purge", #"{"olderThanSeconds": 0}"#)
            #expect(try JSONDecoder().decode([String: Int].self, from: all.body)["retained"] == 0)
            #expect(try await harness.events(query: "after=0", token: token).0.isEmpty)
            #expect(harness.simulator.truth().instances.allSatisfy { $0.events.isEmpty })
            let entries = harness.simulator.ledger().entries(.eventsPurged)
            #expect(entries.map(\.count) == [counts["purged"], retained])
            #expect(try await Self.post(harness, "/_sim/events/purge", #"{"olderThan": 5}"#).status == 400)
        }
    }

    @Test("added events wait out the visibility lag like any other")
    func visibilityLag() async throws {
        try await withSimulator({ $0.visibilityLag = 30 }) { harness in
            harness.simulator.freezeClock()
            harness.simulator.advanceClock(by: 60)
            let token = try harness.token()
            let (before, _) = try await harness.events(query: "after=0&size=1000", token: token)
            let made = try JSONDecoder().decode(
                SimulatorTruth.self, from: try await Self.post(harness, "/_sim/instances", "{}").body)
            let ids = Set(try #require(made.instances.first).events.map(\.id))
            let (hidden, _) = try await harness.events(query: "after=0&size=1000", token: token)
            #expect(hidden.count == before.count)
            harness.simulator.advanceClock(by: 31)
            let (shown, _) = try await harness.events(query: "after=0&size=1000", token: token)
            #expect(ids.isSubset(of: Set(shown.map(\.id))))
        }
    }

    /// The admin API's error body.
    static func problem(_ reply: Reply) throws -> (error: String, expected: String) {
        let body = try JSONDecoder().decode([String: String].self, from: reply.body)
        return (try #require(body["error"]), try #require(body["expected"]))
    }
}
