import AltinnAPI
import Foundation
import Testing

/// A field Altinn always sends and the tool decides on is required: a document without it fails to decode and
/// names the field, rather than passing with a default (an instance without `data` would be archived without
/// files and confirmed). Fields Altinn's own documents leave out stay optional.
@Suite("Required fields")
struct RequiredFieldTests {
    static let instanceOwner = #""instanceOwner":{"partyId":"50001"}"#
    static let identity = #""id":"50001/6f0d6f2e-1f7e-4a39-9d6b-0d6a3f1b8a11","appId":"ttd/app","org":"ttd""#
    static let element = #"{"id":"da7a0000-0000-4000-8000-000000000001","size":12}"#

    /// A document that lacks one required field, and the text the error must contain.
    struct Missing: Sendable, CustomTestStringConvertible {
        var name: String
        var json: String
        var decode: @Sendable (Data) throws -> Void
        var expected: String
        var testDescription: String { name }
    }

    static let missing: [Missing] = [
        Missing(
            name: "instance without data",
            json: "{\(identity),\(instanceOwner),\"process\":{\"ended\":\"2026-01-01T00:00:00Z\"}}",
            decode: { _ = try AltinnJSON.decode(Instance.self, from: $0) },
            expected: "required field 'data' is missing"),
        Missing(
            name: "instance with data null",
            json: "{\(identity),\(instanceOwner),\"data\":null}",
            decode: { _ = try AltinnJSON.decode(Instance.self, from: $0) },
            expected: "at data: expected Array"),
        Missing(
            name: "query page without instances",
            json: #"{"count":1,"self":"x"}"#,
            decode: { _ = try AltinnJSON.decode(QueryResponse.self, from: $0) },
            expected: "required field 'instances' is missing"),
        Missing(
            name: "query page without count",
            json: #"{"instances":[]}"#,
            decode: { _ = try AltinnJSON.decode(QueryResponse.self, from: $0) },
            expected: "required field 'count' is missing"),
        Missing(
            name: "delete status without its flag",
            json: #"{"id":"x","deleteStatus":{"hardDeleted":"2026-01-01T00:00:00Z"}}"#,
            decode: { _ = try AltinnJSON.decode(DataElement.self, from: $0) },
            expected: "required field 'isHardDeleted' is missing"),
    ]

    @Test(arguments: missing)
    func aMissingRequiredFieldFailsTheDecodeAndNamesIt(_ case: Missing) throws {
        let error = try #require(throws: AltinnAPIError.self) { try `case`.decode(Data(`case`.json.utf8)) }
        #expect(error.code == .invalidDocument)
        #expect(error.detail.contains(`case`.expected), "\(error.detail)")
    }

    @Test func anEmptyDataListIsADocumentWithNoElements() throws {
        let instance = try AltinnJSON.decode(
            Instance.self, from: Data("{\(Self.identity),\(Self.instanceOwner),\"data\":[]}".utf8))
        #expect(instance.data.isEmpty)
    }

    @Test func optionalElementFieldsMayBeLeftOut() throws {
        let element = try AltinnJSON.decode(DataElement.self, from: Data(#"{"id":"x"}"#.utf8))
        #expect(element.size == nil)
        #expect(!element.locked)
        #expect(element.isRead)
        #expect(element.tags.isEmpty)
        #expect(element.deleteStatus == nil)
        #expect(!element.isHardDeleted)
    }
}
