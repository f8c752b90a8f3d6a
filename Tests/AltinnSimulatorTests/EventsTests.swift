import AltinnAPI
import AltinnSimulator
import Foundation
import Testing

@Suite("Events API")
struct EventsTests {
    @Test("pages follow the global sequence, next carries after=<last id> and the decoded parameters")
    func pagingAndNext() async throws {
        try await withSimulator { harness in
            let token = try harness.token()
            let (all, _) = try await harness.events(query: "after=0&size=1000", token: token)
            #expect(all.count > 4)
            #expect(all.allSatisfy { $0.resource == "urn:altinn:resource:app_ttd_skjema-a" })
            let (first, reply) = try await harness.events(query: "after=0&size=3&type=app.instance.%25", token: token)
            #expect(first.map(\.id) == Array(all.prefix(3)).map(\.id))
            let next = try #require(reply.headers["next"])
            let base = harness.simulator.baseURL.absoluteString
            #expect(next == "\(base)/events/api/v1/app/ttd/skjema-a?after=\(first[2].id)&size=3&type=app.instance.%")
            #expect(reply.headers["Content-Type"] == "application/cloudevents+json; charset=utf-8")

            // Walking the pages with after = last id visits every event once, in order.
            var seen: [String] = []
            var after = "0"
            while true {
                let (page, pageReply) = try await harness.events(query: "after=\(after)&size=4", token: token)
                guard let last = page.last else {
                    #expect(pageReply.headers["next"] == nil, "an empty page has no next link")
                    break
                }
                seen += page.map(\.id)
                after = last.id
            }
            #expect(seen == all.map(\.id))
        }
    }

    @Test("events carry Altinn's fields: source is the app instance URL, subject and resourceinstance")
    func eventShape() async throws {
        try await withSimulator { harness in
            let (events, _) = try await harness.events(query: "after=0", token: try harness.token())
            let event = try #require(events.first)
            let reference = try #require(event.resourceinstance)
            #expect(event.specversion == "1.0")
            #expect(event.source == "\(harness.simulator.apps.absoluteString)/ttd/skjema-a/instances/\(reference)")
            #expect(event.subject == "/party/\(reference.split(separator: "/")[0])")
            #expect(
                event.alternativesubject?.hasPrefix("/person/") == true
                    || event.alternativesubject?.hasPrefix("/org/") == true)
            #expect(event.time != nil)
            #expect(events.count <= 50, "the default size is 50")
        }
    }

    @Test("an unknown after id starts from the oldest retained event")
    func unknownAfter() async throws {
        try await withSimulator { harness in
            let token = try harness.token()
            let (fromZero, _) = try await harness.events(query: "after=0", token: token)
            let (unknown, _) = try await harness.events(
                query: "after=3f1d2a9e-0000-4000-8000-000000000000", token: token)
            #expect(!unknown.isEmpty)
            #expect(unknown.map(\.id) == fromZero.map(\.id))
        }
    }

    @Test("the cursor is global: an event id of another app positions the page in the shared sequence")
    func globalCursor() async throws {
        try await withSimulator { harness in
            let token = try harness.token()
            let (a, _) = try await harness.events("ttd/skjema-a", query: "after=0&size=1000", token: token)
            let (b, _) = try await harness.events("ttd/skjema-b", query: "after=0&size=1000", token: token)
            let cursor = try #require(b.dropFirst(b.count / 2).first)
            let (afterB, _) = try await harness.events(
                "ttd/skjema-a", query: "after=\(cursor.id)&size=1000", token: token)
            #expect(!afterB.isEmpty && afterB.count < a.count)
            #expect(afterB.map(\.id) == Array(a.suffix(afterB.count)).map(\.id))
        }
    }

    @Test("party, unit and the person header filter on the instance owner")
    func ownerFilters() async throws {
        try await withSimulator({ $0.instanceCount = 20 }) { harness in
            let token = try harness.token()
            let (all, _) = try await harness.events(query: "after=0&size=1000", token: token)
            let reference = try #require(all.first?.resourceinstance)
            let party = String(reference.split(separator: "/")[0])
            let (byParty, _) = try await harness.events(query: "after=0&size=1000&party=\(party)", token: token)
            #expect(!byParty.isEmpty && byParty.count < all.count)
            #expect(byParty.allSatisfy { $0.subject == "/party/\(party)" })
            let owner = try #require(harness.simulator.instance(guid: String(reference.split(separator: "/")[1])))
            if let person = owner.instanceOwner.personNumber {
                let reply = try await harness.get(
                    "/events/api/v1/app/ttd/skjema-a?after=0&size=1000", token: token, headers: [("person", person)])
                #expect(try reply.decode([CloudEvent].self).map(\.id) == byParty.map(\.id))
                let both = try await harness.get(
                    "/events/api/v1/app/ttd/skjema-a?after=0&party=\(party)", token: token,
                    headers: [("person", person)])
                #expect(both.status == 400)
                #expect(both.text.contains("Only one of 'Party' or 'Person' can be defined."))
            } else if let unit = owner.instanceOwner.organisationNumber {
                let (byUnit, _) = try await harness.events(query: "after=0&size=1000&unit=\(unit)", token: token)
                #expect(byUnit.map(\.id) == byParty.map(\.id))
            }
        }
    }

    @Test("type filters match like ILIKE: case-insensitive, % any run, _ one character, repeated types")
    func typeWildcards() async throws {
        try await withSimulator { harness in
            let token = try harness.token()
            let (completed, _) = try await harness.events(
                query: "after=0&size=500&type=APP.INSTANCE.PROCESS.COMPLETED", token: token)
            #expect(!completed.isEmpty)
            #expect(completed.allSatisfy { $0.type == "app.instance.process.completed" })
            let (moved, _) = try await harness.events(
                query: "after=0&size=500&type=app.instance.process.movedTo.%25", token: token)
            #expect(!moved.isEmpty)
            #expect(moved.allSatisfy { $0.type.hasPrefix("app.instance.process.movedTo.") })
            let (oneCharacter, _) = try await harness.events(
                query: "after=0&size=500&type=app.instance.process.movedTo.Task__", token: token)
            #expect(oneCharacter.map(\.id) == moved.map(\.id))
            let (tooShort, _) = try await harness.events(
                query: "after=0&size=500&type=app.instance.process.movedTo.Task_", token: token)
            #expect(tooShort.isEmpty)
            let (both, _) = try await harness.events(
                query: "after=0&size=500&type=app.instance.created&type=app.instance.process.completed", token: token)
            #expect(Set(both.map(\.type)) == ["app.instance.created", "app.instance.process.completed"])
        }
    }

    @Test("events younger than the visibility lag are invisible until the clock moves on")
    func visibilityLag() async throws {
        try await withSimulator({ $0.visibilityLag = 30 }) { harness in
            let token = try harness.token()
            let (before, _) = try await harness.events(query: "after=0&size=1000", token: token)
            let added = harness.simulator.addInstance(app: "ttd/skjema-a")
            let (hidden, _) = try await harness.events(query: "after=0&size=1000", token: token)
            #expect(hidden.map(\.id) == before.map(\.id))
            harness.simulator.advanceClock(by: 31)
            let (shown, _) = try await harness.events(query: "after=0&size=1000", token: try harness.token())
            let new = shown.dropFirst(before.count)
            #expect(!new.isEmpty)
            #expect(new.allSatisfy { $0.resourceinstance == added.instanceID })
        }
    }

    @Test("events older than the retention are purged")
    func retention() async throws {
        try await withSimulator { harness in
            let (before, _) = try await harness.events(query: "after=0", token: try harness.token())
            #expect(!before.isEmpty)
            harness.simulator.advanceClock(by: 91 * 24 * 3600)
            let (after, _) = try await harness.events(query: "after=0", token: try harness.token())
            #expect(after.isEmpty)
            let (cursor, _) = try await harness.events(query: "after=\(before[0].id)", token: try harness.token())
            #expect(cursor.isEmpty)
        }
    }

    @Test("401 with an empty body without a token, and 401 \"Only orgs can call this api\" without an org claim")
    func unauthorized() async throws {
        try await withSimulator { harness in
            let anonymous = try await harness.get("/events/api/v1/app/ttd/skjema-a?after=0")
            #expect(anonymous.status == 401)
            #expect(anonymous.body.isEmpty)
            let garbage = try await harness.get("/events/api/v1/app/ttd/skjema-a?after=0", token: "not.a.jwt")
            #expect(garbage.status == 401)
            let noOrg = try harness.token(scopes: ["altinn:events.subscribe"])
            // The org check runs before the parameter checks.
            let reply = try await harness.get("/events/api/v1/app/ttd/skjema-a", token: noOrg)
            #expect(reply.status == 401)
            #expect(reply.text == "\"Only orgs can call this api\"")
            #expect(try JSONDecoder().decode(String.self, from: reply.body) == "Only orgs can call this api")
        }
    }

    @Test(
        "400 ProblemDetails with Events' exact texts",
        arguments: [
            ("", "The 'From' or 'After' parameter must be defined."),
            (
                "from=2024-01-01T10:00:00",
                "The 'From' parameter must specify timezone. E.g. 2022-07-07T11:00:53.3917Z for UTC"
            ),
            (
                "after=0&to=2024-01-01T10:00:00",
                "The 'To' parameter must specify timezone. E.g. 2022-07-07T11:00:53.3917Z for UTC"
            ),
            ("after=0&size=0", "The 'Size' parameter must be a number larger that 0."),
            ("after=0&party=1&unit=123456789", "Only one of 'Party' or 'Unit' can be defined."),
            ("after=0&unit=12345", "Value of 'Unit' needs to be exactly 9 digits."),
        ])
    func badRequests(query: String, detail: String) async throws {
        try await withSimulator { harness in
            let reply = try await harness.get("/events/api/v1/app/ttd/skjema-a?\(query)", token: try harness.token())
            #expect(reply.status == 400)
            let problem = try JSONDecoder().decode([String: JSONAny].self, from: reply.body)
            #expect(problem["detail"] == .string(detail))
            #expect(problem["status"] == .number(400))
            #expect(problem["title"] == .string("Bad Request"))
        }
    }

    @Test(
        "size and party bind to a 32-bit int: a larger value is ASP.NET's binding 400",
        arguments: [("size", "2147483648", 400), ("party", "9999999999", 400), ("size", "2147483647", 200)])
    func int32Binding(name: String, value: String, status: Int) async throws {
        try await withSimulator { harness in
            let reply = try await harness.get(
                "/events/api/v1/app/ttd/skjema-a?after=0&\(name)=\(value)", token: try harness.token())
            #expect(reply.status == status, "\(reply.text)")
            if status == 400 {
                let problem = try #require(try JSONSerialization.jsonObject(with: reply.body) as? [String: Any])
                #expect(problem["title"] as? String == "One or more validation errors occurred.")
                #expect((problem["errors"] as? [String: [String]])?[name] == ["The value '\(value)' is not valid."])
            }
        }
    }

    @Test("from with a zone filters by time; the from parameter is carried into next")
    func fromParameter() async throws {
        try await withSimulator { harness in
            let token = try harness.token()
            let (all, _) = try await harness.events(query: "after=0&size=1000", token: token)
            let middle = try #require(all.dropFirst(all.count / 2).first?.time)
            let (later, reply) = try await harness.events(query: "from=\(middle.normalized)&size=2", token: token)
            #expect(!later.isEmpty)
            #expect(later.allSatisfy { ($0.time ?? middle) >= middle })
            let next = try #require(reply.headers["next"])
            #expect(next.hasSuffix("&from=\(middle.normalized)&size=2"))
        }
    }
}

/// A minimal JSON value for checking response bodies.
enum JSONAny: Decodable, Equatable {
    case string(String)
    case number(Double)
    case other

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else {
            self = .other
        }
    }
}
