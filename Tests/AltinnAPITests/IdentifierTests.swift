import AltinnAPI
import Foundation
import Testing

@Suite("Identifiers")
struct IdentifierTests {
    @Test(arguments: ["1", "1337", "50019855", "999999999999"])
    func partyIDAccepts(_ text: String) throws {
        let party = try PartyID(text)
        #expect(party.description == text)
        #expect(party.value == Int64(text))
    }

    @Test(arguments: [
        "", "0", "007", "-1", "+1", " 1", "1 ", "1.0", "1e3", "0x1F", "1234567890123", "12\u{0}", "..", "1/2",
        "%31", "\u{661}\u{662}\u{663}",  // Arabic-Indic digits
        "\u{FF11}\u{FF12}",  // full-width digits
        "1\n",
    ])
    func partyIDRejects(_ text: String) throws {
        let error = try #require(throws: AltinnAPIError.self) { try PartyID(text) }
        #expect(error.code == .invalidIdentifier)
        #expect(error.detail.contains("party id"))
    }

    @Test func partyIDDecodesStringOrNumberAndEncodesString() throws {
        let fromString = try JSONDecoder().decode([PartyID].self, from: Data(#"["501337"]"#.utf8))
        let fromNumber = try JSONDecoder().decode([PartyID].self, from: Data("[501337]".utf8))
        #expect(fromString == fromNumber)
        #expect(fromNumber[0].value == 501_337)
        #expect(String(decoding: try JSONEncoder().encode(fromNumber), as: UTF8.self) == #"["501337"]"#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([PartyID].self, from: Data("[-5]".utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([PartyID].self, from: Data(#"["0"]"#.utf8)) }
    }

    @Test(arguments: [
        ("f21e491f-f862-4776-b81f-725657ef0a18", "f21e491f-f862-4776-b81f-725657ef0a18"),
        ("F21E491F-F862-4776-B81F-725657EF0A18", "f21e491f-f862-4776-b81f-725657ef0a18"),
        ("00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000000"),
    ])
    func guidAcceptsAndLowercases(_ text: String, _ expected: String) throws {
        #expect(try InstanceGUID(text).description == expected)
        #expect(try DataElementID(text).description == expected)
        #expect(try InstanceGUID(text).uuid == UUID(uuidString: expected))
    }

    @Test(arguments: [
        "", "f21e491ff8624776b81f725657ef0a18", "{f21e491f-f862-4776-b81f-725657ef0a18}",
        "urn:uuid:f21e491f-f862-4776-b81f-725657ef0a18", "f21e491f-f862-4776-b81f-725657ef0a1g",
        "f21e491f-f862-4776-b81f-725657ef0a18a", "f21e491f-f862-4776-b81f-725657ef0a1",
        "f21e491f_f862_4776_b81f_725657ef0a18",
        "..", "../f21e491f-f862-4776-b81f-725657ef0a18", "%2e%2e", "f21e491f-f862-4776-b81f-725657ef0a1\u{0}",
        "f21e491f-f862-4776-b81f-725657ef0a18\n", "f21e491f-f862-4776-b81f-725657ef0a1\u{661}",
        "f21e491f-f862-4776-b81f-725657ef0a18/..",
    ])
    func guidRejects(_ text: String) throws {
        let instanceError = try #require(throws: AltinnAPIError.self) { try InstanceGUID(text) }
        #expect(instanceError.code == .invalidIdentifier)
        #expect(instanceError.detail.contains("instance GUID"))
        let elementError = try #require(throws: AltinnAPIError.self) { try DataElementID(text) }
        #expect(elementError.detail.contains("data element id"))
    }

    @Test func instanceIDParsesAndNormalises() throws {
        let id = try InstanceID("50019855/F21E491F-F862-4776-B81F-725657EF0A18")
        #expect(id.partyID == (try PartyID("50019855")))
        #expect(id.instanceGUID == (try InstanceGUID("f21e491f-f862-4776-b81f-725657ef0a18")))
        #expect(id.description == "50019855/f21e491f-f862-4776-b81f-725657ef0a18")
    }

    @Test(arguments: [
        "", "50019855", "50019855/", "/f21e491f-f862-4776-b81f-725657ef0a18",
        "1/2/f21e491f-f862-4776-b81f-725657ef0a18", "../f21e491f-f862-4776-b81f-725657ef0a18",
        "50019855/%2e%2e", "50019855/f21e491f-f862-4776-b81f-725657ef0a18/..", "0/f21e491f-f862-4776-b81f-725657ef0a18",
        "50019855\\f21e491f-f862-4776-b81f-725657ef0a18", "50019855/f21e491f-f862-4776-b81f-725657ef0a18\u{0}",
    ])
    func instanceIDRejects(_ text: String) throws {
        let error = try #require(throws: AltinnAPIError.self) { try InstanceID(text) }
        #expect(error.code == .invalidIdentifier)
    }

    @Test(arguments: [
        ("ttd/apps-test", "ttd", "apps-test"), ("ttd/endring-av-navn-v2", "ttd", "endring-av-navn-v2"),
        ("skd/sirius", "skd", "sirius"), ("digdir/a1", "digdir", "a1"), ("krt-1001a/app", "krt-1001a", "app"),
    ])
    func appIDAccepts(_ text: String, _ org: String, _ app: String) throws {
        let appID = try AppID(text)
        #expect(appID.org.description == org)
        #expect(appID.app == app)
        #expect(appID.description == text)
        #expect(appID.resourceURN == "urn:altinn:resource:app_\(org)_\(app)")
    }

    @Test(arguments: [
        "", "ttd", "ttd/", "/app", "TTD/app", "ttd/App", "ttd/app/extra", "ttd/..", "../app", "ttd/-app", "ttd/app-",
        "ttd/1app", "t/app", "-ttd/app", "ttd/app_x", "ttd/%2e%2e", "ttd/app\u{0}", "ttd/a", "ttd/app\n",
        "ttd/" + String(repeating: "a", count: 64), String(repeating: "o", count: 31) + "/app", "ttd/\u{e6}pp",
    ])
    func appIDRejects(_ text: String) throws {
        let error = try #require(throws: AltinnAPIError.self) { try AppID(text) }
        #expect(error.code == .invalidIdentifier)
    }

    @Test func appIDAcceptsLongestNames() throws {
        let org = String(repeating: "o", count: 30)
        let app = "a" + String(repeating: "1", count: 62)
        #expect(try AppID("\(org)/\(app)").app.count == 63)
    }

    @Test(arguments: ["0", "fc12dc69-fcd4-43c6-9fde-b94fcdcc3597", "custom id", String(repeating: "x", count: 128)])
    func eventIDAccepts(_ text: String) throws {
        #expect(try EventID(text).description == text)
    }

    @Test(arguments: ["", "a\u{0}b", "a\nb", "a\u{7F}", "\u{200B}", "a\u{2028}b", String(repeating: "x", count: 129)])
    func eventIDRejects(_ text: String) throws {
        let error = try #require(throws: AltinnAPIError.self) { try EventID(text) }
        #expect(error.code == .invalidIdentifier)
        #expect(!error.detail.contains("\u{0}"))
    }

    @Test func eventIDStartIsZero() {
        #expect(EventID.start.description == "0")
    }

    @Test func errorMessagesEscapeAndShortenHostileValues() throws {
        let hostile = "1\n" + String(repeating: "9", count: 500)
        let error = try #require(throws: AltinnAPIError.self) { try PartyID(hostile) }
        #expect(!error.description.contains("\n"))
        #expect(error.description.contains("\\u{a}"))
        #expect(error.description.count < 300)
        #expect(error.description.hasPrefix("invalid identifier: party id \"1\\u{a}999"))
    }

    @Test func identifiersDecodeThroughCodable() throws {
        let json = #"{"a":"ttd/apps-test","i":"1337/F21E491F-F862-4776-B81F-725657EF0A18","e":"0"}"#
        struct Sample: Codable { var a: AppID; var i: InstanceID; var e: EventID }
        let sample = try JSONDecoder().decode(Sample.self, from: Data(json.utf8))
        #expect(sample.i.description == "1337/f21e491f-f862-4776-b81f-725657ef0a18")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let encoded = String(decoding: try encoder.encode(sample.i), as: UTF8.self)
        #expect(encoded == #""1337/f21e491f-f862-4776-b81f-725657ef0a18""#)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Sample.self, from: Data(#"{"a":"ttd/..","i":"1/x","e":"0"}"#.utf8))
        }
    }
}
