import AltinnAPI
import Foundation
import Testing

@Suite("AltinnJSON")
struct AltinnJSONTests {
    @Test func stripsAByteOrderMark() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data(#"[{"id":"1","type":"t"}]"#.utf8)
        #expect(try AltinnJSON.decode([CloudEvent].self, from: data).map(\.id) == ["1"])
    }

    @Test func cloudEventRequiresIDAndType() throws {
        let error = try #require(throws: AltinnAPIError.self) {
            try AltinnJSON.decode([CloudEvent].self, from: Data(#"[{"id":"1"}]"#.utf8))
        }
        #expect(error.code == .invalidDocument)
        #expect(error.detail.contains("at [0]: required field 'type' is missing"))
    }

    @Test func errorsNameThePathAndTheExpectation() throws {
        let json = #"{"id":"1/x","instanceOwner":{},"appId":"a/b","org":"a","data":[{"id":"x","size":"big"}]}"#
        let error = try #require(throws: AltinnAPIError.self) {
            try AltinnJSON.decode(Instance.self, from: Data(json.utf8))
        }
        #expect(error.code == .invalidDocument)
        #expect(error.detail.hasPrefix("Instance: at data[0].size: expected Int64"))
    }

    @Test func badTimestampsNameTheirField() throws {
        let json = #"{"id":"x","lastChanged":"yesterday"}"#
        let error = try #require(throws: AltinnAPIError.self) {
            try AltinnJSON.decode(DataElement.self, from: Data(json.utf8))
        }
        #expect(error.detail.contains("at lastChanged"))
        #expect(error.detail.contains("\"yesterday\" is not a timestamp"))
    }

    @Test func notJSONIsAnInvalidDocument() throws {
        let error = try #require(throws: AltinnAPIError.self) {
            try AltinnJSON.decode(QueryResponse.self, from: Data("<html>".utf8))
        }
        #expect(error.code == .invalidDocument)
        #expect(error.description.hasPrefix("invalid document: QueryResponse: at the top level"))
    }
}
