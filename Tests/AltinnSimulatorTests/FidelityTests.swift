import AltinnAPI
import AltinnSimulator
import Foundation
import Testing

/// A data element as Storage's model and the published OpenAPI declare it: `size` is a `long` (`integer`,
/// `int64`), never null. A strict client decodes it so.
private struct StrictDataElement: Decodable {
    let id: String
    let size: Int64
}

/// An instance document read by a strict client: every element with its `size`.
private struct StrictInstance: Decodable {
    let id: String
    let data: [StrictDataElement]
}

/// Storage's `DataElementList` (reference 5.4).
private struct DataElementListBody: Decodable {
    let dataElements: [DataElement]
}

@Suite("Fidelity to Storage and the app API")
struct FidelityTests {
    @Test("the app API writes a number for a receipt whose size Storage leaves out, so strict clients decode it")
    func appSizeIsANumber() async throws {
        try await withSimulator { harness in
            let token = try harness.token()
            let elements = try await SeededStatesTests.completedElements(harness)
            let (instance, unsized) = try #require(elements.first { $0.1["size"] == nil })
            let id = try #require(unsized["id"] as? String)
            let app = try await harness.get("/apps/ttd/\(instance.app)/instances/\(instance.instanceID)", token: token)
            #expect(app.status == 200)
            #expect(!app.text.contains("\"size\":null"), "\(app.text)")
            let strict = try JSONDecoder().decode(StrictInstance.self, from: app.body)
            #expect(strict.data.first { $0.id == id }?.size == 0, "long Size defaults to 0")
            for element in instance.dataElements where element.id != id {
                #expect(strict.data.first { $0.id == element.id }?.size == element.size)
            }
            let completed = try await harness.post(
                "/apps/ttd/\(instance.app)/instances/\(instance.instanceID)/complete", token: token)
            #expect(completed.status == 200)
            #expect(try JSONDecoder().decode(StrictInstance.self, from: completed.body).id == instance.instanceID)
            // Storage itself still leaves the member out.
            let storage = try await harness.get("/storage/api/v1/instances/\(instance.instanceID)", token: token)
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(StrictInstance.self, from: storage.body) }
        }
    }

    @Test("Storage lists an instance's data elements as {dataElements: [...]}, hard-deleted ones included")
    func dataElementList() async throws {
        try await withSimulator({ $0.hardDeletedElement = true }) { harness in
            let token = try harness.token()
            let truth = harness.simulator.truth()
            let instance = try #require(truth.instances.first { $0.dataElements.contains(where: \.isHardDeleted) })
            let path = "/storage/api/v1/instances/\(instance.instanceID)/dataelements"
            let reply = try await harness.get(path, token: token)
            #expect(reply.status == 200)
            #expect(reply.headers["Content-Type"]?.hasPrefix("application/json") == true)
            let list = try JSONDecoder().decode(DataElementListBody.self, from: reply.body)
            #expect(list.dataElements.map(\.id) == instance.dataElements.map(\.id))
            #expect(list.dataElements.contains { $0.isHardDeleted })
            #expect(!reply.text.contains("null"), "Newtonsoft leaves nulls out")
            let document = try await harness.get("/storage/api/v1/instances/\(instance.instanceID)", token: token)
            #expect(try document.decode(Instance.self).data.map(\.size) == list.dataElements.map(\.size))

            let entries = harness.simulator.ledger().entries(.dataElementsListed)
            #expect(entries.map(\.instanceID) == [instance.instanceID])
            #expect(entries.first?.count == instance.dataElements.count)
        }
    }

    @Test("the data element list answers 401, 403, 404 and 400 as Storage does")
    func dataElementListRefusals() async throws {
        try await withSimulator { harness in
            let instance = try #require(harness.simulator.truth().instances.first)
            let path = "/storage/api/v1/instances/\(instance.instanceID)/dataelements"
            #expect(try await harness.get(path).status == 401)
            let other = try harness.simulator.altinnToken(orgNumber: "123456789")
            #expect(try await harness.get(path, token: other).status == 403)
            let token = try harness.token()
            let unknown = "00000000-0000-4000-8000-000000000000"
            let missing = try await harness.get("/storage/api/v1/instances/12345/\(unknown)/dataelements", token: token)
            #expect(missing.status == 404)
            #expect(try missing.decode(String.self) == "Unable to find any instance with id: 12345/\(unknown).")
            let zero = try await harness.get("/storage/api/v1/instances/0/\(instance.guid)/dataelements", token: token)
            #expect(zero.status == 400)
        }
    }
}
