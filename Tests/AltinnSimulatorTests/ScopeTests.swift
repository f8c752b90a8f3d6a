import AltinnAPI
import AltinnSimulator
import Foundation
import Testing

@Suite("Scopes: reading needs instances.read, complete needs instances.write")
struct ScopeTests {
    static let readOnly: Set<String> = ["altinn:serviceowner/instances.read"]

    @Test("a read-only token reads instances, data, events and the query")
    func readOnlyReads() async throws {
        try await withSimulator { harness in
            let token = try harness.token(scopes: Self.readOnly)
            let instance = try #require(harness.simulator.truth().instances.first { $0.completed })
            let element = try #require(instance.dataElements.first)
            for path in [
                "/storage/api/v1/instances/\(instance.instanceID)",
                "/storage/api/v1/instances/\(instance.instanceID)/data/\(element.id)",
                "/apps/ttd/\(instance.app)/instances/\(instance.instanceID)",
                "/apps/ttd/\(instance.app)/instances/\(instance.instanceID)/data/\(element.id)",
                "/events/api/v1/app/ttd/\(instance.app)?after=0",
                "/storage/api/v1/instances?appId=ttd/\(instance.app)",
            ] {
                #expect(try await harness.get(path, token: token).status == 200, "\(path)")
            }
            #expect(harness.simulator.ledger().entries(.forbidden).isEmpty)
        }
    }

    @Test("complete without instances.write is 403 Insufficient scope on Storage and the app, and confirms nothing")
    func completeNeedsWrite() async throws {
        try await withSimulator { harness in
            let token = try harness.token(scopes: Self.readOnly)
            let instance = try #require(harness.simulator.truth().instances.first { $0.completed })
            for path in [
                "/storage/api/v1/instances/\(instance.instanceID)/complete",
                "/apps/ttd/\(instance.app)/instances/\(instance.instanceID)/complete",
                "/storage/api/v1/instances/50001234/\(UUID().uuidString.lowercased())/complete",
            ] {
                let reply = try await harness.post(path, token: token)
                #expect(reply.status == 403, "\(path)")
                #expect(reply.headers["Content-Type"] == "application/problem+json; charset=utf-8")
                let problem = try #require(try JSONSerialization.jsonObject(with: reply.body) as? [String: Any])
                #expect(problem["title"] as? String == "Forbidden")
                #expect(problem["status"] as? Int == 403)
                #expect(problem["detail"] as? String == "Insufficient scope")
            }
            #expect(harness.simulator.truth().instance(instance.guid)?.confirmed == false)
            let ledger = harness.simulator.ledger()
            #expect(ledger.entries(.complete).isEmpty)
            let forbidden = ledger.entries(.forbidden)
            #expect(forbidden.map(\.route) == ["storage", "app", "storage"])
            #expect(forbidden.allSatisfy { $0.reason == "missing scope altinn:serviceowner/instances.write" })
            #expect(forbidden.allSatisfy { $0.status == 403 && $0.method == "POST" })

            let writer = try harness.token()
            let confirmed = try await harness.post(
                "/storage/api/v1/instances/\(instance.instanceID)/complete", token: writer)
            #expect(confirmed.status == 200)
        }
    }

    @Test("the query keeps its 403 for a token without instances.read")
    func queryNeedsRead() async throws {
        try await withSimulator { harness in
            let token = try harness.token(scopes: ["altinn:serviceowner/instances.write"])
            let reply = try await harness.get("/storage/api/v1/instances?appId=ttd/skjema-a", token: token)
            #expect(reply.status == 403)
            #expect(harness.simulator.ledger().entries(.forbidden).count == 1)
        }
    }
}
