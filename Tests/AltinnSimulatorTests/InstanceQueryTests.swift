import AltinnAPI
import AltinnSimulator
import CurlHTTP
import Foundation
import Testing

@Suite("Storage instance query")
struct InstanceQueryTests {
    static let reconcile =
        "/storage/api/v1/instances?appId=ttd/skjema-a&process.isComplete=true&excludeConfirmedBy=ttd"
        + "&status.isHardDeleted=false&order=asc:lastChanged"

    @Test("includeDataElements=false leaves data out of every instance, as Storage does; the default keeps it")
    func withoutDataElements() async throws {
        try await withSimulator({ $0.instanceCount = 10 }) { harness in
            let token = try harness.token()
            func instances(_ query: String) async throws -> [[String: Any]] {
                let body = try await harness.get(Self.reconcile + query, token: token).body
                let page = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
                return try #require(page["instances"] as? [[String: Any]])
            }
            let lean = try await instances("&includeDataElements=false")
            let full = try await instances("")
            #expect(!lean.isEmpty && lean.count == full.count)
            #expect(lean.allSatisfy { $0["data"] == nil && $0["id"] is String })
            #expect(full.allSatisfy { $0["data"] is [Any] })
        }
    }

    @Test("next only on full pages, with the token encoded twice; following next verbatim visits each once")
    func paging() async throws {
        try await withSimulator({ $0.instanceCount = 40 }) { harness in
            let token = try harness.token()
            let all = try await harness.get(Self.reconcile + "&size=1000", token: token).decode(QueryResponse.self)
            #expect(all.next == nil, "a page that is not full has no next")
            let expected = harness.simulator.truth().instances.filter { $0.app == "skjema-a" && $0.completed }
            #expect(all.count == expected.count)
            #expect(Set(all.instances.map(\.id)) == Set(expected.map(\.instanceID)))
            let changes = all.instances.compactMap(\.lastChanged)
            #expect(changes == changes.sorted())

            var reply = try await harness.get(Self.reconcile + "&size=3", token: token)
            var seen: [String] = []
            var pages = 0
            while true {
                let page = try reply.decode(QueryResponse.self)
                #expect(page.count == page.instances.count)
                seen += page.instances.map(\.id)
                pages += 1
                guard let next = page.next else {
                    #expect(page.count < 3)
                    break
                }
                #expect(page.count == 3)
                #expect(next.contains("appId=ttd%2Fskjema-a"))
                #expect(
                    next.range(of: #"continuationToken=\d+%253b\d+$"#, options: .regularExpression) != nil, "\(next)")
                reply = try await harness.send(HTTPRequest(url: try #require(URL(string: next))), token: token)
                #expect(reply.status == 200)
            }
            #expect(seen == all.instances.map(\.id), "no skips, no duplicates, same order")
            #expect(pages == all.count / 3 + 1)
        }
    }

    @Test("a last page of exactly size items still has next, and the page after it is empty")
    func exactMultiple() async throws {
        try await withSimulator { harness in
            let token = try harness.token()
            let all = try await harness.get(Self.reconcile + "&size=1000", token: token).decode(QueryResponse.self)
            let full = try await harness.get(Self.reconcile + "&size=\(all.count)", token: token)
                .decode(QueryResponse.self)
            let next = try #require(full.next)
            let empty = try await harness.send(HTTPRequest(url: try #require(URL(string: next))), token: token)
                .decode(QueryResponse.self)
            #expect(empty.count == 0)
            #expect(empty.next == nil)
        }
    }

    @Test("excludeConfirmedBy drops instances the org has confirmed; a once-encoded token works too")
    func excludeConfirmed() async throws {
        try await withSimulator { harness in
            let token = try harness.token()
            let before = try await harness.get(Self.reconcile, token: token).decode(QueryResponse.self)
            let confirmed = try #require(before.instances.first)
            let complete = try await harness.post("/storage/api/v1/instances/\(confirmed.id)/complete", token: token)
            #expect(complete.status == 200)
            let after = try await harness.get(Self.reconcile, token: token).decode(QueryResponse.self)
            #expect(after.count == before.count - 1)
            #expect(!after.instances.contains { $0.id == confirmed.id })
            let all = try await harness.get(
                "/storage/api/v1/instances?appId=ttd/skjema-a&process.isComplete=true", token: token
            )
            .decode(QueryResponse.self)
            #expect(all.instances.contains { $0.id == confirmed.id })

            // Build the second page by hand with the token encoded once.
            let first = try await harness.get(Self.reconcile + "&size=1", token: token).decode(QueryResponse.self)
            let last = try #require(first.instances.last)
            let ticks = try #require(first.next?.components(separatedBy: "continuationToken=").last)
                .replacingOccurrences(of: "%253b", with: ";")
            let once = ticks.replacingOccurrences(of: ";", with: "%3B")
            let second = try await harness.get(Self.reconcile + "&size=1&continuationToken=\(once)", token: token)
                .decode(QueryResponse.self)
            #expect(second.instances.first?.id == after.instances.dropFirst().first?.id)
            #expect(second.instances.first?.id != last.id)
        }
    }

    @Test("lastChanged filters need an operator; 400 without org or appId; 403 without the read scope")
    func parametersAndErrors() async throws {
        try await withSimulator { harness in
            let token = try harness.token()
            let all = try await harness.get(Self.reconcile, token: token).decode(QueryResponse.self)
            let middle = try #require(all.instances.dropFirst(all.count / 2).first?.lastChanged)
            let later = try await harness.get(Self.reconcile + "&lastChanged=gte:\(middle.normalized)", token: token)
                .decode(QueryResponse.self)
            #expect(later.count == all.count - all.count / 2)
            let newestFirst = try await harness.get(
                "/storage/api/v1/instances?appId=ttd/skjema-a&process.isComplete=true", token: token
            ).decode(QueryResponse.self)
            let changes = newestFirst.instances.compactMap(\.lastChanged)
            #expect(changes == changes.sorted(by: >), "the default order is desc:lastChanged")
            let bad = try await harness.get(Self.reconcile + "&lastChanged=2024-01-01", token: token)
            #expect(bad.status == 400)
            #expect(bad.text == "Invalid date expression: 2024-01-01 for query key: lastChanged")
            let neither = try await harness.get("/storage/api/v1/instances?process.isComplete=true", token: token)
            #expect(neither.status == 400)
            #expect(neither.text == "Org or AppId must be defined.")
            let writeOnly = try harness.token(scopes: ["altinn:serviceowner/instances.write"])
            let forbidden = try await harness.get(Self.reconcile, token: writeOnly)
            #expect(forbidden.status == 403)
            #expect(harness.simulator.ledger().entries(.forbidden).count == 1)
        }
    }
}
