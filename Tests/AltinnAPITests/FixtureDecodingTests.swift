import AltinnAPI
import Foundation
import Testing

@Suite("Altinn fixtures decode")
struct FixtureDecodingTests {
    /// The model each fixture file is decoded with.
    static func decode(_ path: String) throws {
        let data = try Fixture.data(path)
        switch path {
        case "altinn-events/events.json": _ = try AltinnJSON.decode([CloudEvent].self, from: data)
        case "altinn-events/1.json", "altinn-events/2.json": _ = try AltinnJSON.decode([EventRow].self, from: data)
        case let path where path.hasPrefix("altinn-storage/instances/"):
            _ = try AltinnJSON.decode(Instance.self, from: Fixture.servedByStorage(data))
        case let path where path.hasPrefix("altinn-storage/dataelements/"):
            _ = try AltinnJSON.decode(DataElement.self, from: data)
        case "app-lib-dotnet/instances/a2af1cfd-db99-45f9-9625-9dfa1223485f.pretest.json":
            _ = try AltinnJSON.decode(Instance.self, from: data)
        case "app-lib-dotnet/instances/fd4c42a4-a6a0-4aec-b8e9-9f5d34c445ca.pretest.json":
            _ = try AltinnJSON.decode(DataElement.self, from: data)
        default:
            Issue.record("no model is known for fixture \(path); add it to this table")
        }
    }

    @Test func everyFixtureDecodes() throws {
        let paths = try Fixture.allJSONPaths()
        #expect(paths.count == 9)
        for path in paths {
            #expect(throws: Never.self, "\(path)") { try Self.decode(path) }
        }
    }

    @Test func eventFilesStartWithAByteOrderMark() throws {
        for path in ["altinn-events/events.json", "altinn-events/1.json", "altinn-events/2.json"] {
            let data = try Fixture.data(path)
            #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(path)")
            #expect(throws: Never.self) { try AltinnJSON.decode([CloudEvent].self, from: data) }
        }
    }

    @Test func apiShapeEvents() throws {
        let events = try AltinnJSON.decode([CloudEvent].self, from: Fixture.data("altinn-events/events.json"))
        #expect(events.map(\.id) == ["4665ff57-93d5-4bb4-83a2-8355a1cb686a", "5fac27e8-6ca8-4ab0-bea5-938ba6c1016f"])
        #expect(events[0].source == "urn:altinn:systemx")
        #expect(events[0].specversion == "1.0")
        #expect(events[0].type == "instance.deleted")
        #expect(events[0].subject == "/party/1337")
        #expect(events[0].alternativesubject == "/person/01038712345")
        #expect(events[0].resource == nil)
        #expect(events[0].resourceinstance == nil)
        #expect(events[1].time?.date == Date(timeIntervalSince1970: 1_602_589_829 + 3600))
        #expect(try events[0].eventID.description == "4665ff57-93d5-4bb4-83a2-8355a1cb686a")
    }

    @Test func databaseRowEventsForOneApp() throws {
        let rows = try AltinnJSON.decode([EventRow].self, from: Fixture.data("altinn-events/1.json"))
        #expect(rows.map(\.sequenceno) == [1, 2])
        let event = rows[1].cloudEvent
        #expect(event.id == "e31dbb11-2208-4dda-a549-92a0db8c8808")
        #expect(event.resource == "urn:altinn:resource:app_ttd_endring-av-navn-v2")
        let instancePath = "1234324/6fb3f738-6800-4f29-9f3e-1c66862656cd"
        #expect(event.source == "https://ttd.apps.altinn.no/ttd/endring-av-navn-v2/instances/\(instancePath)")
        #expect(event.time?.text == "2020-10-13T12:50:29Z")
        // The row's own type differs from the event's in this fixture; only the inner event counts.
        #expect(rows[1].type == "instance.restored")
        #expect(event.type == "instance.deleted")
    }

    @Test func databaseRowEventsIgnoreTheDataMember() throws {
        let rows = try AltinnJSON.decode([EventRow].self, from: Fixture.data("altinn-events/2.json"))
        #expect(rows.count == 5)
        #expect(
            rows.map(\.cloudEvent.type) == [
                "instance.created", "instance.saved", "instance.saved", "instance.saved", "instance.saved",
            ])
        #expect(rows[4].cloudEvent.resource == "urn:altinn:resource:app_skd_sirius")
        #expect(rows[0].cloudEvent.time?.text == "2020-06-16T11:50:29.463221Z")
    }

    @Test func archivedStorageInstanceWithTwoDataElements() throws {
        let instance = try AltinnJSON.decode(
            Instance.self, from: Fixture.data("altinn-storage/instances/17ad1851-f6cb-4573-bfcb-a17d145307b3.json"))
        #expect(instance.id == "17ad1851-f6cb-4573-bfcb-a17d145307b3")
        #expect(try instance.instanceID.description == "1337/17ad1851-f6cb-4573-bfcb-a17d145307b3")
        #expect(try instance.partyID.value == 1337)
        #expect(instance.instanceOwner.organisationNumber == "725736800")
        #expect(try instance.appID == AppID("tdd/endring-av-navn"))
        #expect(instance.org == "tdd")
        #expect(instance.isProcessEnded)
        #expect(instance.process?.ended?.text == "2020-04-29T13:53:06.117891Z")
        #expect(instance.process?.endEvent == "EndEvent_1")
        #expect(instance.process?.currentTask == nil)
        #expect(instance.status?.isArchived == true)
        #expect(instance.status?.archived?.text == "2020-04-29T13:53:06.117891Z")
        #expect(instance.status?.readStatus == nil)
        #expect(instance.status?.substatus?.label == "substatus.declined.label")
        #expect(instance.completeConfirmations == nil)
        #expect(!instance.isConfirmed(by: try Org("tdd")))
        #expect(instance.lastChanged?.text == "2020-04-29T13:53:09.1122622Z")

        #expect(instance.data.count == 2)
        let form = instance.data[0]
        #expect(try form.dataElementID.description == "99dc0012-89fa-4968-b928-d6cc16d18d26")
        #expect(form.dataType == "schema_4222_160523_forms_212_20160523")
        #expect(form.filename == nil)
        #expect(form.contentType == "application/xml")
        #expect(form.size == 1993)
        #expect(form.locked)
        #expect(form.fileScanResult == nil)
        #expect(form.selfLinks?.platform?.hasSuffix("/data/99dc0012-89fa-4968-b928-d6cc16d18d26") == true)
        let pdf = instance.data[1]
        #expect(pdf.dataType == "ref-data-as-pdf")
        #expect(pdf.filename == "RF-0002_Skattemelding_for_merverdiavgift.pdf")
        #expect(pdf.contentType == "application/pdf")
        #expect(pdf.size == 10326)
        #expect(!pdf.locked)
        #expect(pdf.isRead)
        #expect(pdf.selfLinks == nil)
    }

    /// Storage keeps data elements in a table of their own and adds them as `data` when it serves an instance;
    /// this internal document has none, so as it is it is not a document the tool may archive from.
    @Test func anInternalDocumentWithoutDataDoesNotDecode() throws {
        let error = try #require(throws: AltinnAPIError.self) {
            try AltinnJSON.decode(
                Instance.self,
                from: Fixture.data("altinn-storage/instances/ef1b16fc-4566-4577-b2d8-db74fbee4f7c.json"))
        }
        #expect(error.detail.contains("required field 'data' is missing"))
    }

    @Test func confirmedStorageInstance() throws {
        let instance = try AltinnJSON.decode(
            Instance.self,
            from: Fixture.servedByStorage(
                Fixture.data("altinn-storage/instances/ef1b16fc-4566-4577-b2d8-db74fbee4f7c.json")))
        let confirmations = try #require(instance.completeConfirmations)
        #expect(confirmations.map(\.stakeholderId) == ["tdd"])
        #expect(confirmations[0].confirmedOn?.text == "2020-04-29T13:06:51.6128771Z")
        #expect(instance.isConfirmed(by: try Org("tdd")))
        #expect(!instance.isConfirmed(by: try Org("ttd")))
        #expect(!instance.isProcessEnded)
        #expect(instance.process?.currentTask?.elementId == "Task_1")
        #expect(instance.process?.currentTask?.altinnTaskType == "data")
        #expect(instance.dueBefore?.normalized == "2019-07-05T00:00:00.0000000Z")
        #expect(instance.data.isEmpty)
        #expect(try instance.instanceID.description == "1337/ef1b16fc-4566-4577-b2d8-db74fbee4f7c")
    }

    @Test func storageDataElementWithScanResult() throws {
        let element = try AltinnJSON.decode(
            DataElement.self,
            from: Fixture.data("altinn-storage/dataelements/70d122f8-0cae-44f4-8cd5-2887c251a959.json"))
        #expect(element.id == "70d122f8-0cae-44f4-8cd5-2887c251a959")
        #expect(element.instanceGuid == "99194777-a691-433a-ace1-225e9a691653")
        #expect(element.dataType == "model")
        #expect(element.fileScanResult == .notApplicable)
        #expect(element.size == nil)
        #expect(element.selfLinks == ResourceLinks(apps: nil, platform: nil))
        #expect(element.tags.isEmpty)
        #expect(element.created?.normalized == "2025-07-17T09:00:00.0000000Z")
        #expect(!element.isHardDeleted)
    }

    @Test func hardDeletedStorageDataElement() throws {
        let element = try AltinnJSON.decode(
            DataElement.self,
            from: Fixture.data("altinn-storage/dataelements/887c5e56-6f73-494a-9730-6ebd11bffe88.json"))
        #expect(element.isHardDeleted)
        #expect(element.deleteStatus?.hardDeleted?.text == "2022-03-22T14:37:08.6095258Z")
        #expect(element.filename == nil)
        #expect(element.dataType == "default")
        #expect(element.size == 563)
        #expect(element.locked)
        #expect(element.refs == [])
        #expect(element.fileScanResult == nil)
    }

    @Test func appLibInstanceAndDataElement() throws {
        let instance = try AltinnJSON.decode(
            Instance.self,
            from: Fixture.data("app-lib-dotnet/instances/a2af1cfd-db99-45f9-9625-9dfa1223485f.pretest.json"))
        #expect(try instance.instanceID == InstanceID("501337/a2af1cfd-db99-45f9-9625-9dfa1223485f"))
        #expect(instance.instanceOwner.personNumber == "01039012345")
        #expect(instance.status?.readStatus == .read)
        #expect(instance.process?.currentTask?.flow == 2)
        #expect(instance.process?.currentTask?.name == "Utfylling")
        #expect(instance.process?.currentTask?.flowType == "CompleteCurrentMoveToNext")
        #expect(!instance.isProcessEnded)
        #expect(instance.data.map(\.dataType) == ["Model"])
        #expect(instance.data[0].size == 173)
        #expect(instance.createdBy == "1337")

        let element = try AltinnJSON.decode(
            DataElement.self,
            from: Fixture.data("app-lib-dotnet/instances/fd4c42a4-a6a0-4aec-b8e9-9f5d34c445ca.pretest.json"))
        #expect(element.id == instance.data[0].id)
        #expect(element.instanceGuid == "a2af1cfd-db99-45f9-9625-9dfa1223485f")
        #expect(element.blobStoragePath == nil)
        #expect(element.fileScanResult == .notApplicable)
        #expect(element.isRead)
    }
}
