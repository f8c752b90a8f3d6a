import AltinnAPI
import Foundation
import Testing

@testable import AltinnSimulator

@Suite("Timestamps as Newtonsoft (Storage), System.Text.Json (apps) and the CloudEvents SDK (Events) write them")
struct TimestampTests {
    static func ticks(_ text: String) throws -> Ticks {
        try #require(QueryDate(text)).ticks
    }

    @Test(
        "the three forms of one instant",
        arguments: [
            ("2020-04-29T13:53:06.1178910Z", "2020-04-29T13:53:06.117891Z", "2020-04-29T13:53:06.117891Z"),
            ("2020-04-29T13:53:06.1178912Z", "2020-04-29T13:53:06.1178912Z", "2020-04-29T13:53:06.1178912Z"),
            ("2020-04-29T13:53:06.1200000Z", "2020-04-29T13:53:06.12Z", "2020-04-29T13:53:06.120Z"),
            ("2020-04-29T13:53:06.0000001Z", "2020-04-29T13:53:06.0000001Z", "2020-04-29T13:53:06.0000001Z"),
            ("2019-07-05T00:00:00.0000000Z", "2019-07-05T00:00:00Z", "2019-07-05T00:00:00Z"),
        ])
    func forms(full: String, newtonsoft: String, cloudEvent: String) throws {
        let ticks = try Self.ticks(full)
        #expect(ticks.text == full)
        #expect(ticks.newtonsoftText == newtonsoft)
        #expect(ticks.cloudEventText == cloudEvent)
        #expect(ticks.timestamp.text == newtonsoft)
        #expect(ticks.eventTimestamp.text == cloudEvent)
    }

    /// A simulator whose frozen clock reads `date`, with one instance completed then.
    static func withInstanceAt(
        _ date: Date, _ body: (SimulatorHarness, TruthInstance) async throws -> Void
    ) async throws {
        try await withSimulator({ $0.instanceCount = 0 }) { harness in
            harness.simulator.freezeClock()
            harness.simulator.setClock(to: date)
            try await body(harness, harness.simulator.addInstance(app: "ttd/skjema-a"))
        }
    }

    @Test("Storage and the app trim the fraction; Events writes 0, 3, 6 or 7 digits")
    func documentsAndEvents() async throws {
        // 1970-01-03T00:00:00.117891Z: close to 1970 a Double holds the microseconds exactly.
        try await Self.withInstanceAt(Date(timeIntervalSince1970: 172_800.117_891)) { harness, instance in
            let token = try harness.token()
            let storage = try await harness.get("/storage/api/v1/instances/\(instance.instanceID)", token: token)
            #expect(storage.text.contains("\"created\":\"1970-01-03T00:00:00.117891Z\""), "\(storage.text)")
            #expect(storage.text.contains("\"ended\":\"1970-01-03T00:00:00.117891Z\""))
            #expect(!storage.text.contains("1178910"))
            let app = try await harness.get("/apps/ttd/skjema-a/instances/\(instance.instanceID)", token: token)
            #expect(app.text.contains("\"created\":\"1970-01-03T00:00:00.117891Z\""))

            let events = try await harness.get("/events/api/v1/app/ttd/skjema-a?after=0", token: token)
            let times = try #require(try JSONSerialization.jsonObject(with: events.body) as? [[String: Any]])
                .compactMap { $0["time"] as? String }
            #expect(times == ["1970-01-03T00:00:00.117891Z", "1970-01-03T00:00:00.117891Z"], "created, completed")

            harness.simulator.setClock(to: Date(timeIntervalSince1970: 172_801))
            let confirmed = try await harness.post(
                "/storage/api/v1/instances/\(instance.instanceID)/complete", token: token)
            #expect(confirmed.text.contains("\"confirmedOn\":\"1970-01-03T00:00:01Z\""), "\(confirmed.text)")
            #expect(confirmed.text.contains("\"lastChanged\":\"1970-01-03T00:00:01Z\""))
        }
        try await Self.withInstanceAt(Date(timeIntervalSince1970: 172_800.12)) { harness, _ in
            let events = try await harness.get(
                "/events/api/v1/app/ttd/skjema-a?after=0&type=app.instance.created", token: try harness.token())
            #expect(events.text.contains("\"time\":\"1970-01-03T00:00:00.120Z\""), "\(events.text)")
        }
    }

    @Test("no seeded Storage timestamp carries a trailing zero in its fraction")
    func seededDocuments() async throws {
        try await withSimulator({ $0.instanceCount = 30 }) { harness in
            let reply = try await harness.get(
                "/storage/api/v1/instances?org=ttd&size=1000", token: try harness.token())
            let stamps = reply.text.matches(of: /"(\d{4}-\d\d-\d\dT[^"]*)"/).map { String($0.1) }
            #expect(stamps.count > 100)
            let newtonsoft = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{0,6}[1-9])?Z/
            let odd = stamps.filter { $0.wholeMatch(of: newtonsoft) == nil }
            #expect(odd.isEmpty, "\(odd.prefix(5))")
        }
    }
}
