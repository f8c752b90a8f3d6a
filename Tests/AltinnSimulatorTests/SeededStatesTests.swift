import AltinnAPI
import AltinnSimulator
import CurlHTTP
import Foundation
import Testing

@Suite("Seeded element states a client must handle")
struct SeededStatesTests {
    /// The data elements of `instance` as Storage's JSON has them.
    static func storageElements(_ harness: SimulatorHarness, _ instance: TruthInstance) async throws -> [[String: Any]]
    {
        let reply = try await harness.get(
            "/storage/api/v1/instances/\(instance.instanceID)", token: try harness.token())
        let document = try #require(try JSONSerialization.jsonObject(with: reply.body) as? [String: Any])
        return try #require(document["data"] as? [[String: Any]])
    }

    /// Every completed instance with its elements in Storage's JSON.
    static func completedElements(
        _ harness: SimulatorHarness
    ) async throws -> [(TruthInstance, [String: Any])] {
        var result: [(TruthInstance, [String: Any])] = []
        for instance in harness.simulator.truth().instances where instance.completed {
            result += try await storageElements(harness, instance).map { (instance, $0) }
        }
        return result
    }

    @Test("by default one receipt leaves size out of Storage's document; its bytes are served as usual")
    func sizeAbsent() async throws {
        try await withSimulator { harness in
            let elements = try await Self.completedElements(harness)
            let unsized = elements.filter { $0.1["size"] == nil }
            #expect(unsized.count == 1)
            let (instance, json) = try #require(unsized.first)
            #expect(json["dataType"] as? String == "ref-data-as-pdf")
            let id = try #require(json["id"] as? String)
            let truth = try #require(instance.dataElements.first { $0.id == id })
            #expect(truth.size > 0, "the truth counts the stored bytes")
            let reply = try await harness.get(
                "/storage/api/v1/instances/\(instance.instanceID)/data/\(id)", token: try harness.token())
            #expect(Int64(reply.body.count) == truth.size)
            #expect(SHA256Digest.hex(of: reply.body) == truth.sha256)
            let sized = elements.filter { $0.1["size"] != nil }
            for (owner, element) in sized {
                let known = owner.dataElements.first { $0.id == element["id"] as? String }
                #expect((element["size"] as? Int).map(Int64.init) == known?.size, "size is right where present")
            }
        }
        try await withSimulator({ $0.sizeAbsentElement = false }) { harness in
            let elements = try await Self.completedElements(harness)
            #expect(elements.allSatisfy { $0.1["size"] != nil })
        }
    }

    @Test("hardDeletedElement adds a hard-deleted attachment that Storage lists and serves to the owner")
    func hardDeleted() async throws {
        try await withSimulator({ $0.hardDeletedElement = true }) { harness in
            let elements = try await Self.completedElements(harness)
            let deleted = elements.filter { $0.1["deleteStatus"] != nil }
            #expect(deleted.count == 1)
            let (instance, json) = try #require(deleted.first)
            let status = try #require(json["deleteStatus"] as? [String: Any])
            #expect(status["isHardDeleted"] as? Bool == true)
            let when = try #require(status["hardDeleted"] as? String)
            #expect(try AltinnTimestamp(when) > AltinnTimestamp(try #require(json["created"] as? String)))
            let id = try #require(json["id"] as? String)
            let truth = try #require(instance.dataElements.first { $0.id == id })
            #expect(truth.isHardDeleted)
            #expect(harness.simulator.truth().instances.flatMap(\.dataElements).filter(\.isHardDeleted).count == 1)
            let reply = try await harness.get(
                "/storage/api/v1/instances/\(instance.instanceID)/data/\(id)", token: try harness.token())
            #expect(reply.status == 200)
            #expect(SHA256Digest.hex(of: reply.body) == truth.sha256)
            let decoded = try #require(harness.simulator.instance(guid: instance.guid))
            #expect(decoded.data.first { $0.id == id }?.isHardDeleted == true)
        }
        try await withSimulator { harness in
            #expect(harness.simulator.truth().instances.flatMap(\.dataElements).allSatisfy { !$0.isHardDeleted })
        }
    }

    @Test("pendingScanInstance gives one completed instance an attachment whose scan is Pending")
    func pendingScan() async throws {
        try await withSimulator({ $0.pendingScanInstance = true }) { harness in
            let truth = harness.simulator.truth()
            let pending = truth.instances.filter { instance in
                instance.dataElements.contains { $0.fileScanResult == "Pending" }
            }
            #expect(pending.count == 1)
            let instance = try #require(pending.first)
            #expect(instance.completed && !instance.eventLost)
            let document = try #require(harness.simulator.instance(guid: instance.guid))
            #expect(document.data.contains { $0.fileScanResult == .pending && $0.dataType == "vedlegg" })
        }
        try await withSimulator { harness in
            let scans = harness.simulator.truth().instances.flatMap(\.dataElements).map(\.fileScanResult)
            #expect(!scans.contains("Pending"))
        }
    }

    @Test("the new states are deterministic from the seed and keep every instance within 1-5 elements")
    func deterministic() async throws {
        func truth() async throws -> SimulatorTruth {
            var result: SimulatorTruth?
            try await withSimulator({
                $0.seed = 11
                $0.hardDeletedElement = true
                $0.pendingScanInstance = true
                $0.infectedInstance = true
            }) { harness in result = harness.simulator.truth() }
            return try #require(result)
        }
        let first = try await truth()
        #expect(first == (try await truth()))
        #expect(first.instances.allSatisfy { (1...5).contains($0.dataElements.count) })
    }
}
