internal import AltinnAPI

/// Builds instances the way an app leaves them in Storage, with their events.
struct InstanceFactory: Sendable {
    /// The service owner's code.
    let org: String
    /// Whether Events registers drafts up to 3 s after their `time` (seeded history); at run time they are
    /// registered at once, so a test's clock decides alone when they become visible.
    var registrationDelay = true
    /// Whether attachments are produced as they are sent rather than held in memory (instances added while
    /// running, so that a long rehearsal costs little memory per instance).
    var compactAttachments = false

    /// The owner of a new instance.
    struct Owner {
        let partyID: String
        let personNumber: String?
        let organisationNumber: String?
        let userID: String
        let name: String

        var alternativeSubject: String {
            personNumber.map { "/person/\($0)" } ?? "/org/\(organisationNumber ?? "")"
        }
    }

    /// A random person (most of the time) or organisation.
    func owner(rng: inout SplitMix64) -> Owner {
        let partyID = String(50_000_000 + Int.random(in: 0..<9_000_000, using: &rng))
        let userID = String(Int.random(in: 10_000...99_999, using: &rng))
        let name = SeedContent.names[Int.random(in: 0..<SeedContent.names.count, using: &rng)]
        if rng.chance(0.75) {
            return Owner(
                partyID: partyID, personNumber: rng.digits(11), organisationNumber: nil, userID: userID, name: name)
        }
        return Owner(partyID: partyID, personNumber: nil, organisationNumber: rng.digits(9), userID: userID, name: name)
    }

    /// A new instance of `appID` created at `created`, in progress, with a form and `elements` (nil for 0-2
    /// attachments as seeded).
    func inProgress(
        appID: String, internalID: Int64, created: Ticks, elements: [SubmissionElement]? = nil,
        rng: inout SplitMix64
    ) -> (StoredInstance, [EventDraft]) {
        let owner = owner(rng: &rng)
        let guid = rng.guid()
        let taskStarted = created.adding(seconds: 1)
        let process = ProcessState(
            started: created.timestamp, startEvent: "StartEvent_1",
            currentTask: ProcessTask(
                flow: 2, started: taskStarted.timestamp, elementId: "Task_1", name: "Utfylling",
                altinnTaskType: "data", flowType: "CompleteCurrentMoveToNext"))
        var document = Instance(
            id: "\(owner.partyID)/\(guid)",
            instanceOwner: InstanceOwner(
                partyId: owner.partyID, personNumber: owner.personNumber,
                organisationNumber: owner.organisationNumber),
            appId: appID, org: org, process: process,
            status: InstanceStatus(readStatus: .unread), created: created.timestamp, createdBy: owner.userID)
        var contents: [String: DataContent] = [:]
        let form = SeedContent.form(
            instanceGUID: guid, owner: owner.name, amount: Int.random(in: 100...99_999, using: &rng), rng: &rng)
        let formID = addElement(
            to: &document, contents: &contents, content: .bytes(form.storedXML), dataType: "model", filename: nil,
            contentType: "application/xml", scan: .notApplicable, at: created, by: owner.userID, rng: &rng)
        for _ in 0..<(elements == nil ? Int.random(in: 0...2, using: &rng) : 0) {
            let pick = SeedContent.attachmentNames[Int.random(in: 0..<SeedContent.attachmentNames.count, using: &rng)]
            let content =
                compactAttachments
                ? SeedContent.attachment(
                    contentType: pick.contentType, size: Int64.random(in: 200...20_000, using: &rng), rng: &rng)
                : .bytes(SeedContent.attachment(contentType: pick.contentType, rng: &rng))
            addElement(
                to: &document, contents: &contents, content: content, dataType: "vedlegg",
                filename: pick.name, contentType: pick.contentType, scan: .clean, at: created.adding(seconds: 30),
                by: owner.userID, rng: &rng)
        }
        let lastChanged = created.adding(seconds: 60)
        var stored = StoredInstance(
            internalID: internalID, appID: appID, partyID: owner.partyID, guid: guid, document: document,
            lastChanged: lastChanged, contents: contents, forms: [formID: form], eventLost: false,
            alternativeSubject: owner.alternativeSubject)
        for element in elements ?? [] {
            addSubmitted(element, to: &stored, at: created.adding(seconds: 30), rng: &rng)
        }
        stored.touch(lastChanged, by: owner.userID)
        let events = [
            draft("app.instance.created", stored, at: created, rng: &rng),
            draft("app.instance.process.movedTo.Task_1", stored, at: taskStarted, rng: &rng),
        ]
        return (stored, events)
    }

    /// Ends the process of `stored` at `ended`: the `specials` are added, then the receipt PDF (without its
    /// `size` for ``SpecialElement/sizeAbsent``), the instance is archived, and the `completed` event drafted
    /// (twice when `duplicated`) unless the instance's event is lost.
    func complete(
        _ stored: inout StoredInstance, at ended: Ticks, specials: Set<SpecialElement>, duplicated: Bool,
        rng: inout SplitMix64
    ) -> [EventDraft] {
        let changer = stored.document.createdBy ?? stored.partyID
        for special in specials.sorted(by: { "\($0)" < "\($1)" }) {
            addSpecial(special, to: &stored, at: ended.adding(seconds: -5), rng: &rng)
        }
        var document = stored.document
        var contents = stored.contents
        let receipt = addElement(
            to: &document, contents: &contents, content: .bytes(SeedContent.receiptPDF(instanceGUID: stored.guid)),
            dataType: "ref-data-as-pdf", filename: "Skjema.pdf", contentType: "application/pdf",
            scan: .notApplicable, at: ended, by: changer, rng: &rng)
        if specials.contains(.sizeAbsent), let index = document.data.firstIndex(where: { $0.id == receipt }) {
            document.data[index].size = nil
        }
        for index in document.data.indices { document.data[index].locked = true }
        document.process?.currentTask = nil
        document.process?.ended = ended.timestamp
        document.process?.endEvent = "EndEvent_1"
        document.status?.isArchived = true
        document.status?.archived = ended.timestamp
        document.status?.readStatus = .read
        stored.document = document
        stored.contents = contents
        stored.touch(ended, by: changer)
        guard !stored.eventLost else { return [] }
        var events = [draft("app.instance.process.completed", stored, at: ended, rng: &rng)]
        if duplicated {
            events.append(draft("app.instance.process.completed", stored, at: ended.adding(seconds: 2), rng: &rng))
        }
        return events
    }

    /// An event about `stored` posted at `time`; Events registers it a little later.
    func draft(_ type: String, _ stored: StoredInstance, at time: Ticks, rng: inout SplitMix64) -> EventDraft {
        let delay = registrationDelay ? Double(Int.random(in: 0...3000, using: &rng)) / 1000 : 0
        return EventDraft(
            registered: time.adding(seconds: delay), id: rng.guid(), time: time, type: type, appID: stored.appID,
            partyID: stored.partyID, instanceGUID: stored.guid, alternativeSubject: stored.alternativeSubject)
    }

    /// Appends a data element holding `content` to `document`; returns its id.
    @discardableResult
    func addElement(
        to document: inout Instance, contents: inout [String: DataContent], content: DataContent, dataType: String,
        filename: String?, contentType: String, scan: FileScanResult, at time: Ticks, by changer: String,
        rng: inout SplitMix64
    ) -> String {
        let id = rng.guid()
        let guid = document.id.split(separator: "/").last.map(String.init) ?? document.id
        document.data.append(
            DataElement(
                id: id, instanceGuid: guid, dataType: dataType, filename: filename, contentType: contentType,
                blobStoragePath: "\(document.appId)/\(guid)/data/\(id)", size: content.size, refs: [],
                isRead: true, tags: [], fileScanResult: scan, created: time.timestamp, createdBy: changer,
                lastChanged: time.timestamp, lastChangedBy: changer))
        contents[id] = content
        return id
    }
}
