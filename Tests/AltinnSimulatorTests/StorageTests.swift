import AltinnAPI
import AltinnSimulator
import CurlHTTP
import Foundation
import Testing

@Suite("Storage and app instances, data and complete")
struct StorageTests {
    @Test("Storage serves the Newtonsoft shape with platform self links; the app the InstanceResponse shape")
    func documentShapes() async throws {
        try await withSimulator { harness in
            let token = try harness.token()
            let truth = try #require(harness.simulator.truth().instances.first { $0.completed })
            let storage = try await harness.get("/storage/api/v1/instances/\(truth.instanceID)", token: token)
            #expect(storage.status == 200)
            #expect(!storage.text.contains("null"), "Storage leaves nulls out")
            #expect(storage.text.contains("\"readStatus\":\"Read\""))
            let instance = try storage.decode(Instance.self)
            #expect(instance.id == truth.instanceID)
            #expect(instance.process?.ended != nil && instance.process?.endEvent == "EndEvent_1")
            #expect(instance.status?.isArchived == true)
            let base = harness.simulator.baseURL.absoluteString
            #expect(instance.selfLinks?.platform == "\(base)/storage/api/v1/instances/\(truth.instanceID)")
            for element in instance.data {
                #expect(
                    element.selfLinks?.platform
                        == "\(base)/storage/api/v1/instances/\(truth.instanceID)/data/\(element.id)")
            }
            #expect(instance.data.map(\.id) == truth.dataElements.map(\.id))

            let byGUID = try await harness.get("/storage/api/v1/instances/\(truth.guid)", token: token)
            #expect(try byGUID.decode(Instance.self) == instance)

            let app = try await harness.get("/apps/ttd/\(truth.app)/instances/\(truth.instanceID)", token: token)
            #expect(app.status == 200)
            #expect(app.text.contains("\"readStatus\":1"))
            #expect(app.text.contains("\"platform\":null"))
            #expect(app.text.contains("\"party\":{"))
            let appInstance = try app.decode(Instance.self)
            #expect(appInstance.id == truth.instanceID)
            #expect(appInstance.selfLinks?.apps == "\(base)/apps/ttd/\(truth.app)/instances/\(truth.instanceID)")
            #expect(appInstance.selfLinks?.platform == nil)
        }
    }

    @Test("data downloads are the stored bytes; Content-Disposition only with a file name; no ETag")
    func downloads() async throws {
        try await withSimulator { harness in
            let token = try harness.token()
            let truth = harness.simulator.truth()
            let elements = truth.instances.filter(\.completed).flatMap { instance in
                instance.dataElements.map { (instance, $0) }
            }
            #expect(elements.contains { $0.1.filename == "../../etc/passwd" })
            #expect(elements.contains { $0.1.size == 0 })
            #expect(elements.contains { $0.1.filename?.contains("ø") == true })
            for (instance, element) in elements {
                let reply = try await harness.get(
                    "/storage/api/v1/instances/\(instance.instanceID)/data/\(element.id)", token: token)
                #expect(reply.status == 200)
                #expect(SHA256Digest.hex(of: reply.body) == element.sha256)
                #expect(Int64(reply.body.count) == element.size)
                #expect(reply.headers["Content-Type"] == element.contentType)
                #expect(reply.headers["Content-Length"] == String(element.size))
                #expect(reply.headers["ETag"] == nil)
                let disposition = reply.headers["Content-Disposition"]
                if element.filename == nil {
                    #expect(disposition == nil)
                } else {
                    #expect(disposition?.hasPrefix("attachment; filename=") == true)
                }
                if element.filename == "../../etc/passwd" {
                    #expect(
                        disposition
                            == "attachment; filename=\"../../etc/passwd\"; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd")
                }
                if element.filename == "Søknad – vedlegg æøå.pdf" {
                    #expect(
                        disposition == "attachment; filename=\"S_knad _ vedlegg ___.pdf\"; "
                            + "filename*=UTF-8''S%C3%B8knad%20%E2%80%93%20vedlegg%20%C3%A6%C3%B8%C3%A5.pdf")
                }
            }
            let ledger = harness.simulator.ledger().entries(.download)
            #expect(ledger.count == elements.count)
            #expect(
                ledger.allSatisfy { $0.completed == true && $0.bytesSent == $0.bytesExpected && $0.route == "storage" })

            let (instance, element) = try #require(elements.first { $0.1.filename != nil })
            let app = try await harness.get(
                "/apps/ttd/\(instance.app)/instances/\(instance.instanceID)/data/\(element.id)", token: token)
            #expect(SHA256Digest.hex(of: app.body) == element.sha256, "the app streams binary elements as stored")
            let missing = try await harness.get(
                "/storage/api/v1/instances/\(instance.instanceID)/data/\(UUID().uuidString.lowercased())", token: token)
            #expect(missing.status == 404)
        }
    }

    @Test("a large generated element streams with the digest the truth gives")
    func largeElement() async throws {
        try await withSimulator({ $0.largeElementSize = 3 * 1024 * 1024 + 17 }) { harness in
            let truth = harness.simulator.truth()
            let size: Int64 = 3 * 1024 * 1024 + 17
            let pairs: [(TruthInstance, TruthDataElement)] = truth.instances.flatMap { instance in
                instance.dataElements.map { (instance, $0) }
            }
            let (instance, element) = try #require(pairs.first { $0.1.size == size })
            let reply = try await harness.get(
                "/storage/api/v1/instances/\(instance.instanceID)/data/\(element.id)", token: try harness.token())
            #expect(Int64(reply.body.count) == size)
            #expect(SHA256Digest.hex(of: reply.body) == element.sha256)
        }
    }

    @Test("complete is idempotent: one confirmation, lastChanged moves once, lastChangedBy is the org number")
    func idempotentComplete() async throws {
        try await withSimulator { harness in
            let token = try harness.token()
            let truth = try #require(harness.simulator.truth().instances.first { $0.completed })
            let before = try await harness.get("/storage/api/v1/instances/\(truth.instanceID)", token: token)
                .decode(Instance.self)
            harness.simulator.advanceClock(by: 5)
            let first = try await harness.post("/storage/api/v1/instances/\(truth.instanceID)/complete", token: token)
            #expect(first.status == 200)
            let confirmed = try first.decode(Instance.self)
            #expect(confirmed.completeConfirmations?.map(\.stakeholderId) == ["ttd"])
            #expect(confirmed.lastChangedBy == "991825827")
            let changedBefore = try #require(before.lastChanged)
            let changedAfter = try #require(confirmed.lastChanged)
            #expect(changedAfter > changedBefore)
            harness.simulator.advanceClock(by: 5)
            let second = try await harness.post(
                "/apps/ttd/\(truth.app)/instances/\(truth.instanceID)/complete", token: token)
            #expect(second.status == 200)
            let again = try second.decode(Instance.self)
            #expect(again.completeConfirmations == confirmed.completeConfirmations)
            #expect(again.lastChanged == confirmed.lastChanged)
            #expect(harness.simulator.truth().instance(truth.guid)?.confirmed == true)
            let completes = harness.simulator.ledger().completes(of: truth.instanceID)
            #expect(completes.map(\.newConfirmation) == [true, false])
            #expect(completes.map(\.route) == ["storage", "app"])
        }
    }

    @Test("complete has no process gate, and an unknown instance gets 500 (or 403 when configured)")
    func completeEdges() async throws {
        try await withSimulator { harness in
            let token = try harness.token()
            let active = try #require(harness.simulator.truth().instances.first { !$0.completed })
            let activeReply = try await harness.post(
                "/storage/api/v1/instances/\(active.instanceID)/complete", token: token)
            #expect(activeReply.status == 200)
            let unknown = "/storage/api/v1/instances/50001234/\(UUID().uuidString.lowercased())/complete"
            let unknownReply = try await harness.post(unknown, token: token)
            #expect(unknownReply.status == 500)
            let anonymous = try await harness.post(unknown)
            #expect(anonymous.status == 401)
        }
        try await withSimulator({ $0.unknownInstanceCompleteStatus = 403 }) { harness in
            let unknown = "/storage/api/v1/instances/50001234/\(UUID().uuidString.lowercased())/complete"
            let reply = try await harness.post(unknown, token: try harness.token())
            #expect(reply.status == 403)
        }
    }

    @Test("an unknown instance is Storage's 404 with the JSON string \"Unable to find instance {guid}\"")
    func unknownInstance() async throws {
        try await withSimulator { harness in
            let guid = UUID().uuidString.lowercased()
            for path in ["/storage/api/v1/instances/50001234/\(guid)", "/storage/api/v1/instances/\(guid)"] {
                let reply = try await harness.get(path, token: try harness.token())
                #expect(reply.status == 404)
                #expect(reply.headers["Content-Type"] == "application/json; charset=utf-8")
                #expect(try JSONDecoder().decode(String.self, from: reply.body) == "Unable to find instance \(guid)")
            }
        }
    }

    @Test("another org's token cannot read the instance")
    func otherOrg() async throws {
        try await withSimulator { harness in
            let truth = try #require(harness.simulator.truth().instances.first)
            let other = try harness.simulator.altinnToken(orgNumber: "123456789")
            let reply = try await harness.get("/storage/api/v1/instances/\(truth.instanceID)", token: other)
            #expect(reply.status == 403)
        }
    }
}
