import AltinnAPI
import AltinnSimulator
import CurlHTTP
import Foundation
import Testing

@Suite("Hostile-response faults")
struct HostileFaultTests {
    static let eventsPath = "/events/api/v1/app/ttd/skjema-a?after=0"

    /// The body as a JSON object.
    static func object(_ reply: Reply) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: reply.body) as? [String: Any], "\(reply.text)")
    }

    /// The body as a JSON array of objects.
    static func array(_ reply: Reply) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: reply.body) as? [[String: Any]], "\(reply.text)")
    }

    @Test("instance:no-data serves the document without its data member, in both shapes, and only when it fires")
    func documentWithoutData() async throws {
        try await withSimulator({ $0.faults = [try FaultRule(spec: "instance:no-data:first2")] }) { harness in
            let token = try harness.token()
            let instance = try #require(harness.simulator.truth().instances.first { $0.completed })
            let storage = try Self.object(
                try await harness.get("/storage/api/v1/instances/\(instance.instanceID)", token: token))
            let app = try Self.object(
                try await harness.get("/apps/ttd/\(instance.app)/instances/\(instance.instanceID)", token: token))
            for document in [storage, app] {
                #expect(document["data"] == nil, "the key is absent, not null or empty")
                #expect(document["id"] as? String == instance.instanceID)
                #expect(document["instanceOwner"] is [String: Any])
                #expect((document["process"] as? [String: Any])?["ended"] is String)
            }
            let normal = try Self.object(
                try await harness.get("/storage/api/v1/instances/\(instance.instanceID)", token: token))
            #expect((normal["data"] as? [Any])?.count == instance.dataElements.count)
            let faults = harness.simulator.ledger().entries(.fault)
            #expect(faults.map(\.reason) == ["document without data", "document without data"])
            #expect(faults.allSatisfy { $0.route == "instance" })
        }
    }

    @Test("instance:zero-size declares size 0 for every element while the data route serves the stored bytes")
    func zeroSizes() async throws {
        try await withSimulator({ $0.faults = [FaultRule(route: .instance, kind: .zeroSizes)] }) { harness in
            let token = try harness.token()
            let instance = try #require(
                harness.simulator.truth().instances.first { $0.completed && $0.dataElements.count >= 2 })
            for path in [
                "/storage/api/v1/instances/\(instance.instanceID)",
                "/apps/ttd/\(instance.app)/instances/\(instance.instanceID)",
            ] {
                let reply = try await harness.get(path, token: token)
                let document = try reply.decode(Instance.self)
                #expect(document.data.count == instance.dataElements.count)
                #expect(reply.text.contains(path.hasPrefix("/apps") ? "\"readStatus\":1" : "\"readStatus\":\"Read\""))
                #expect(document.data.allSatisfy { $0.size == 0 }, "\(path)")
            }
            let element = try #require(instance.dataElements.first { $0.size > 0 })
            let bytes = try await harness.get(
                "/storage/api/v1/instances/\(instance.instanceID)/data/\(element.id)", token: token)
            #expect(Int64(bytes.body.count) == element.size)
            #expect(SHA256Digest.hex(of: bytes.body) == element.sha256)
        }
    }

    @Test(
        "query:bad-item breaks one member of the first instance on the page; bad-item-noid its id too",
        arguments: [true, false])
    func badQueryItem(keepsID: Bool) async throws {
        let spec = keepsID ? "query:bad-item" : "query:bad-item-noid"
        try await withSimulator({ $0.faults = [try FaultRule(spec: spec)] }) { harness in
            let reply = try await harness.get(
                "/storage/api/v1/instances?appId=ttd/skjema-a&size=3", token: try harness.token())
            #expect(reply.status == 200)
            #expect(throws: AltinnAPIError.self) { try reply.decode(QueryResponse.self) }
            let page = try Self.object(reply)
            let instances = try #require(page["instances"] as? [[String: Any]])
            #expect(instances.count == 3)
            #expect(instances[0]["instanceOwner"] as? Int == 42)
            if keepsID {
                let id = try #require(instances[0]["id"] as? String)
                #expect(try InstanceID(id).description == id, "the id names the instance")
            } else {
                #expect(instances[0]["id"] is Int, "the id is no use")
            }
            for item in instances.dropFirst() {
                let data = try JSONSerialization.data(withJSONObject: item)
                #expect(try AltinnJSON.decode(Instance.self, from: data).id == item["id"] as? String)
            }
            #expect(page["next"] is String, "the rest of the page is as usual")
            #expect(
                harness.simulator.ledger().entries(.fault).map(\.reason) == [
                    keepsID ? "bad query item" : "bad query item without id"
                ])
        }
    }

    @Test("events:malformed cuts the page inside an event, with status 200 and a Content-Length that fits")
    func malformedEventsPage() async throws {
        try await withSimulator({ $0.faults = [try FaultRule(spec: "events:malformed:first1")] }) { harness in
            let token = try harness.token()
            let broken = try await harness.get(Self.eventsPath, token: token)
            #expect(broken.status == 200)
            #expect(broken.headers["Content-Length"] == String(broken.body.count))
            #expect((try? JSONSerialization.jsonObject(with: broken.body)) == nil, "not JSON: \(broken.text)")
            let whole = try await harness.get(Self.eventsPath, token: token)
            #expect(whole.text.hasPrefix(String(broken.text.prefix(1))))
            #expect(broken.body.count < whole.body.count / 2 + 400, "cut near the middle")
            #expect(broken.text.contains("\"id\":"), "the cut is inside the events")
            _ = try Self.array(whole)
        }
    }

    @Test("events:bad-event drops the type of the first event and keeps its id; the others are whole")
    func badEvent() async throws {
        try await withSimulator({ $0.faults = [try FaultRule(spec: "events:bad-event")] }) { harness in
            let reply = try await harness.get(Self.eventsPath, token: try harness.token())
            #expect(throws: AltinnAPIError.self) { try reply.decode([CloudEvent].self) }
            let events = try Self.array(reply)
            #expect(events.count > 2)
            #expect(events[0]["type"] == nil)
            let id = try #require(events[0]["id"] as? String)
            #expect(try EventID(id).description == id)
            for event in events.dropFirst() {
                let data = try JSONSerialization.data(withJSONObject: event)
                #expect(try AltinnJSON.decode(CloudEvent.self, from: data).type.hasPrefix("app.instance."))
            }
            #expect(reply.headers["next"] != nil)
        }
    }

    @Test("events:bloat adds PARAM bytes to every event, so a full page exceeds a body limit and a small one not")
    func bloatedEvents() async throws {
        let extra = 100_000
        try await withSimulator({ $0.faults = [try FaultRule(spec: "events:bloat:always:\(extra)")] }) { harness in
            let token = try harness.token()
            let small = try await harness.get(Self.eventsPath + "&size=2", token: token)
            let events = try Self.array(small)
            #expect(events.count == 2)
            for event in events {
                let data = try #require(event["data"] as? String)
                #expect(data.utf8.count == extra && data.allSatisfy { $0 == "x" })
                #expect(event["type"] is String && event["id"] is String)
            }
            #expect(small.headers["Content-Length"] == String(small.body.count))
            #expect(small.body.count > 2 * extra && small.body.count < 2 * extra + 2000)

            var request = HTTPRequest(url: harness.url(Self.eventsPath))
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            await #expect(throws: HTTPError.self) { _ = try await harness.client.send(request, bodyLimit: 1_000_000) }
            #expect(harness.simulator.ledger().entries(.fault).allSatisfy { $0.reason == "bloated events \(extra) B" })
        }
    }

    @Test("data:lying-length keeps the connection and poisons it: the client's next request there is sent again fresh")
    func lyingLength() async throws {
        try await withSimulator({ $0.faults = [try FaultRule(spec: "data:lying-length:first1:100")] }) { harness in
            let token = try harness.token()
            let (instance, element) = try FaultTests.someElement(harness, minimumSize: 1000)
            let path = "/storage/api/v1/instances/\(instance.instanceID)/data/\(element.id)"
            let short = try await harness.get(path, token: token)
            #expect(short.status == 200)
            #expect(Int64(short.body.count) == element.size - 100, "the client believed Content-Length")
            #expect(short.headers["Content-Length"] == String(element.size - 100))
            // The same client reuses the kept-alive connection, reads the extra bytes as a status line, and sends
            // the request again at once on a fresh connection: the simulator serves it twice.
            let fresh = try await harness.get(path, token: token)
            #expect(SHA256Digest.hex(of: fresh.body) == element.sha256)
            let downloads = try await FaultTests.settledDownloads(harness, count: 3)
            #expect(downloads.first?.bytesSent == element.size, "every byte was written")
            #expect(downloads.filter { $0.completed == true }.count >= 2, "the lying answer and the fresh one")
            #expect(harness.simulator.ledger().entries(.fault).map(\.reason) == ["lying length 100 B short"])
        }
    }

    @Test("a hostile kind fires only on its own route, even in a rule for every route")
    func ownRouteOnly() async throws {
        try await withSimulator({ $0.faults = [FaultRule(route: nil, kind: .badEvent, firstRequests: 1)] }) {
            harness in
            let token = try harness.token()
            let instance = try #require(harness.simulator.truth().instances.first)
            let document = try await harness.get("/storage/api/v1/instances/\(instance.instanceID)", token: token)
            #expect(try document.decode(Instance.self).id == instance.instanceID)
            #expect(harness.simulator.ledger().entries(.fault).isEmpty)
            let events = try await harness.get(Self.eventsPath, token: token)
            #expect(try Self.array(events).first?["type"] == nil, "the first events request is still the first")
        }
    }

    @Test(
        "hostile fault specs parse with their defaults",
        arguments: [
            ("instance:no-data", FaultKind.documentWithoutData), ("instance:zero-size", .zeroSizes),
            ("query:bad-item", .badQueryItem(keepsID: true)), ("query:bad-item-noid", .badQueryItem(keepsID: false)),
            ("events:malformed", .malformedEventsPage), ("events:bad-event", .badEvent),
            ("events:bloat", .bloatedEvents(bytesPerEvent: 1_000_000)),
            ("events:bloat:always:5000", .bloatedEvents(bytesPerEvent: 5000)),
            ("data:lying-length", .lyingLength(shortBy: 100)), ("data:lying-length:first1:7", .lyingLength(shortBy: 7)),
        ])
    func specs(spec: String, kind: FaultKind) throws {
        #expect(try FaultRule(spec: spec).kind == kind)
    }

    @Test("a hostile kind on another route is refused with the spelling to use instead")
    func wrongRoute() {
        for (spec, expected) in [
            ("data:no-data", "instance:no-data"), ("all:bloat:always:10", "events:bloat:always:10"),
            ("events:lying-length", "data:lying-length"), ("instance:bad-item-noid", "query:bad-item-noid"),
        ] {
            #expect {
                try FaultRule(spec: spec)
            } throws: { error in
                "\(error)".contains("write \(expected)")
            }
        }
    }
}
