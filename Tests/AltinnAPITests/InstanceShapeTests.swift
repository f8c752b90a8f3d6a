import AltinnAPI
import Foundation
import Testing

/// The same completed instance as Storage (Newtonsoft) and an app (System.Text.Json) serve it.
enum InstanceSamples {
    static let storage = """
        {
          "id": "501337/a2af1cfd-db99-45f9-9625-9dfa1223485f",
          "instanceOwner": { "partyId": "501337", "personNumber": "01039012345" },
          "appId": "ttd/service-tasks",
          "org": "ttd",
          "selfLinks": {
            "platform": "https://platform.tt02.altinn.no/storage/api/v1/instances/501337/a2af1cfd-db99-45f9-9625-9dfa1223485f"
          },
          "process": {
            "started": "2024-08-28T05:10:09.8564665Z",
            "startEvent": "StartEvent_1",
            "ended": "2024-08-28T05:24:01.1Z",
            "endEvent": "EndEvent_1"
          },
          "status": {
            "isArchived": true,
            "archived": "2024-08-28T05:24:01.1Z",
            "isSoftDeleted": false,
            "isHardDeleted": false,
            "readStatus": "UpdatedSinceLastReview"
          },
          "data": [
            {
              "id": "fd4c42a4-a6a0-4aec-b8e9-9f5d34c445ca",
              "instanceGuid": "a2af1cfd-db99-45f9-9625-9dfa1223485f",
              "dataType": "Model",
              "contentType": "application/xml",
              "selfLinks": {
                "platform": "https://platform.tt02.altinn.no/storage/api/v1/instances/501337/a2af1cfd-db99-45f9-9625-9dfa1223485f/data/fd4c42a4-a6a0-4aec-b8e9-9f5d34c445ca"
              },
              "size": 173,
              "locked": true,
              "refs": [],
              "isRead": true,
              "tags": [],
              "fileScanResult": "Clean",
              "created": "2024-08-28T05:10:09.8772942Z",
              "lastChanged": "2024-08-28T05:10:22.1147281Z"
            }
          ],
          "created": "2024-08-28T05:10:09.8629034Z",
          "createdBy": "1337",
          "lastChanged": "2024-08-28T05:24:01.2Z",
          "lastChangedBy": "1337"
        }
        """

    static let app = """
        {
          "id": "501337/a2af1cfd-db99-45f9-9625-9dfa1223485f",
          "instanceOwner": {
            "partyId": "501337", "personNumber": "01039012345", "organisationNumber": null, "username": null,
            "party": { "partyId": 501337, "partyUuid": null, "partyTypeName": 1, "ssn": "01039012345",
                       "orgNumber": null, "unitType": null, "name": "Sophie Salt", "isDeleted": false }
          },
          "appId": "ttd/service-tasks",
          "org": "ttd",
          "selfLinks": {
            "apps": "https://ttd.apps.tt02.altinn.no/ttd/service-tasks/instances/501337/a2af1cfd-db99-45f9-9625-9dfa1223485f",
            "platform": null
          },
          "dueBefore": null,
          "visibleAfter": null,
          "process": {
            "started": "2024-08-28T05:10:09.8564665Z", "startEvent": "StartEvent_1", "currentTask": null,
            "ended": "2024-08-28T05:24:01.1Z", "endEvent": "EndEvent_1"
          },
          "status": {
            "isArchived": true, "archived": "2024-08-28T05:24:01.1Z", "isSoftDeleted": false, "softDeleted": null,
            "isHardDeleted": false, "hardDeleted": null, "readStatus": 2, "substatus": null
          },
          "completeConfirmations": null,
          "data": [
            {
              "id": "fd4c42a4-a6a0-4aec-b8e9-9f5d34c445ca",
              "instanceGuid": "a2af1cfd-db99-45f9-9625-9dfa1223485f",
              "dataType": "Model",
              "filename": null,
              "contentType": "application/xml",
              "blobStoragePath": null,
              "selfLinks": {
                "apps": "https://ttd.apps.tt02.altinn.no/ttd/service-tasks/instances/501337/a2af1cfd-db99-45f9-9625-9dfa1223485f/data/fd4c42a4-a6a0-4aec-b8e9-9f5d34c445ca",
                "platform": null
              },
              "size": 173, "contentHash": null, "locked": true, "refs": [], "isRead": true, "tags": [],
              "userDefinedMetadata": null, "metadata": null, "deleteStatus": null, "fileScanResult": "Clean",
              "references": null, "created": "2024-08-28T05:10:09.8772942Z", "createdBy": null,
              "lastChanged": "2024-08-28T05:10:22.1147281Z", "lastChangedBy": null
            }
          ],
          "presentationTexts": null,
          "dataValues": null,
          "created": "2024-08-28T05:10:09.8629034Z",
          "createdBy": "1337",
          "lastChanged": "2024-08-28T05:24:01.2Z",
          "lastChangedBy": "1337"
        }
        """

    static func decode(_ json: String) throws -> Instance {
        try AltinnJSON.decode(Instance.self, from: Data(json.utf8))
    }

    /// `instance` without self links, which legitimately differ between the shapes.
    static func withoutSelfLinks(_ instance: Instance) -> Instance {
        var result = instance
        result.selfLinks = nil
        for index in result.data.indices { result.data[index].selfLinks = nil }
        return result
    }

    static func tt02Endpoints() throws -> AltinnEndpoints {
        try AltinnEndpoints(environment: .tt02, org: Org("ttd"))
    }

    /// Whether any value in the JSON tree is `null`.
    static func containsNull(_ value: Any) -> Bool {
        switch value {
        case is NSNull: true
        case let object as [String: Any]: object.values.contains(where: containsNull)
        case let array as [Any]: array.contains(where: containsNull)
        default: false
        }
    }
}

@Suite("Instance JSON shapes")
struct InstanceShapeTests {
    @Test func bothShapesDecodeToTheSameModel() throws {
        let storage = try InstanceSamples.decode(InstanceSamples.storage)
        let app = try InstanceSamples.decode(InstanceSamples.app)
        #expect(InstanceSamples.withoutSelfLinks(storage) == InstanceSamples.withoutSelfLinks(app))
        #expect(storage.status?.readStatus == .updatedSinceLastReview)
        #expect(app.status?.readStatus == .updatedSinceLastReview)
        #expect(app.instanceOwner.partyId == "501337")
        #expect(app.selfLinks?.platform == nil)
        #expect(app.selfLinks?.apps?.hasPrefix("https://ttd.apps.tt02.altinn.no/ttd/service-tasks/") == true)
        #expect(storage.selfLinks?.apps == nil)
        #expect(storage.data[0].fileScanResult == .clean)
        #expect(storage.isProcessEnded && app.isProcessEnded)
    }

    @Test(arguments: [
        (#""Unread""#, ReadStatus.unread), (#""Read""#, .read), (#""UpdatedSinceLastReview""#, .updatedSinceLastReview),
        ("0", .unread), ("1", .read), ("2", .updatedSinceLastReview), (#""read""#, .read), ("7", .unknown("7")),
        (#""Archived""#, .unknown("Archived")),
    ])
    func readStatusDecodesNamesAndNumbers(_ json: String, _ expected: ReadStatus) throws {
        #expect(try JSONDecoder().decode([ReadStatus].self, from: Data("[\(json)]".utf8)) == [expected])
    }

    @Test(arguments: [
        (#""NotApplicable""#, FileScanResult.notApplicable), (#""Pending""#, .pending), (#""Clean""#, .clean),
        (#""Infected""#, .infected), (#""infected""#, .infected), (#""Quarantined""#, .unknown("Quarantined")),
    ])
    func fileScanResultDecodes(_ json: String, _ expected: FileScanResult) throws {
        let decoded = try JSONDecoder().decode([FileScanResult].self, from: Data("[\(json)]".utf8))
        #expect(decoded == [expected])
        #expect(
            String(decoding: try JSONEncoder().encode(decoded), as: UTF8.self).lowercased() == "[\(json)]".lowercased())
    }

    @Test func ownerAcceptsNumericPartyIDAndTheZSpelling() throws {
        let json = #"{"partyId": 501337, "organizationNumber": "910000000", "party": {"partyId": 501337}}"#
        let owner = try JSONDecoder().decode(InstanceOwner.self, from: Data(json.utf8))
        #expect(owner == InstanceOwner(partyId: "501337", organisationNumber: "910000000"))
    }

    @Test func defaultEncodingIsStorageShape() throws {
        let instance = try InstanceSamples.decode(InstanceSamples.app)
        let data = try JSONEncoder().encode(instance)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""readStatus":"UpdatedSinceLastReview""#))
        #expect(!InstanceSamples.containsNull(try JSONSerialization.jsonObject(with: data)))
        #expect(!text.contains("completeConfirmations"))
        #expect(!text.contains(#""party""#))
        #expect(text.contains(#""partyId":"501337""#))
        #expect(text.contains(#""lastChanged":"2024-08-28T05:24:01.2Z""#))
        #expect(try AltinnJSON.decode(Instance.self, from: data) == instance)
    }

    @Test func appEncodingWritesTheAppShapeAndRoundTrips() throws {
        let storage = try InstanceSamples.decode(InstanceSamples.storage)
        let encoding = AppInstanceEncoding(endpoints: try InstanceSamples.tt02Endpoints())
        let data = try encoding.encode(storage)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""readStatus":2"#))
        #expect(text.contains(#""completeConfirmations":null"#))
        #expect(text.contains(#""dueBefore":null"#))
        #expect(text.contains(#""currentTask":null"#))
        #expect(text.contains(#""filename":null"#))
        #expect(text.contains(#""lastChanged":"2024-08-28T05:24:01.2Z""#))

        let tree = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let selfLinks = try #require(tree["selfLinks"] as? [String: Any])
        #expect(selfLinks["platform"] is NSNull)
        let appInstance =
            "https://ttd.apps.tt02.altinn.no/ttd/service-tasks/instances/501337/a2af1cfd-db99-45f9-9625-9dfa1223485f"
        #expect(selfLinks["apps"] as? String == appInstance)
        let owner = try #require(tree["instanceOwner"] as? [String: Any])
        let party = try #require(owner["party"] as? [String: Any])
        #expect(party["partyId"] as? Int == 501_337)
        #expect(party["partyTypeName"] as? Int == 1)
        #expect(party["ssn"] as? String == "01039012345")
        #expect(party["orgNumber"] is NSNull)
        let elements = try #require(tree["data"] as? [[String: Any]])
        let elementLinks = try #require(elements.first?["selfLinks"] as? [String: Any])
        #expect(elementLinks["apps"] as? String == "\(appInstance)/data/fd4c42a4-a6a0-4aec-b8e9-9f5d34c445ca")
        #expect(elementLinks["platform"] is NSNull)

        let decoded = try AltinnJSON.decode(Instance.self, from: data)
        #expect(decoded == (try encoding.withAppSelfLinks(storage)))
        #expect(InstanceSamples.withoutSelfLinks(decoded) == InstanceSamples.withoutSelfLinks(storage))
        #expect(decoded == (try InstanceSamples.decode(InstanceSamples.app)))
    }

    @Test func appEncodingRejectsInvalidIdentifiers() throws {
        var instance = try InstanceSamples.decode(InstanceSamples.storage)
        instance.data[0].id = "../../etc/passwd"
        let encoding = AppInstanceEncoding(endpoints: try InstanceSamples.tt02Endpoints())
        let error = try #require(throws: AltinnAPIError.self) { try encoding.encode(instance) }
        #expect(error.code == .invalidIdentifier)
        #expect(error.detail.contains("data element id"))
    }

    @Test func instanceIDMustAgreeWithTheOwner() throws {
        var instance = try InstanceSamples.decode(InstanceSamples.storage)
        instance.instanceOwner.partyId = "501338"
        let error = try #require(throws: AltinnAPIError.self) { try instance.instanceID }
        #expect(error.detail.contains("another party"))
        instance.instanceOwner.partyId = nil
        #expect(try instance.instanceID.description == "501337/a2af1cfd-db99-45f9-9625-9dfa1223485f")
        #expect(throws: AltinnAPIError.self) { try instance.partyID }
    }

    @Test func confirmationMatchesTheOrgCaseInsensitively() throws {
        var instance = try InstanceSamples.decode(InstanceSamples.storage)
        #expect(!instance.isConfirmed(by: try Org("ttd")))
        instance.completeConfirmations = [CompleteConfirmation(stakeholderId: "TTD", confirmedOn: nil)]
        #expect(instance.isConfirmed(by: try Org("ttd")))
        #expect(!instance.isConfirmed(by: try Org("tt")))
    }

    @Test func queryResponseDecodesWithoutTotalHits() throws {
        let json = """
            {"count": 1, "self": "https://platform.tt02.altinn.no/storage/api/v1/instances?appId=ttd/service-tasks",
             "next": "https://platform.tt02.altinn.no/storage/api/v1/instances?appId=ttd%2Fservice-tasks&size=1&continuationToken=638512345678901234%253b12345",
             "instances": [\(InstanceSamples.storage)]}
            """
        let page = try AltinnJSON.decode(QueryResponse.self, from: Data(json.utf8))
        #expect(page.count == 1)
        #expect(page.selfLink == "https://platform.tt02.altinn.no/storage/api/v1/instances?appId=ttd/service-tasks")
        #expect(page.next?.hasSuffix("continuationToken=638512345678901234%253b12345") == true)
        #expect(page.instances.map(\.id) == ["501337/a2af1cfd-db99-45f9-9625-9dfa1223485f"])

        let last = try AltinnJSON.decode(QueryResponse.self, from: Data(#"{"count":0,"instances":[]}"#.utf8))
        #expect(last.next == nil)
        #expect(last.instances.isEmpty)
        let encoded = String(decoding: try AltinnJSON.encode(last), as: UTF8.self)
        #expect(encoded == #"{"count":0,"instances":[]}"#)
    }
}
