internal import AltinnAPI

/// One instance as the simulator keeps it: the Storage document (without self links, which depend on the
/// address the server listens on), the bytes of its data elements, the models behind its forms and what the
/// seed decided about it.
struct StoredInstance: Sendable {
    /// Storage's internal row id, the second half of a continuation token.
    let internalID: Int64
    /// The app, `"{org}/{app}"`.
    let appID: String
    /// The owner's party id.
    let partyID: String
    /// The instance GUID.
    let guid: String
    /// The document, `id` = `{partyId}/{guid}`, without self links.
    var document: Instance
    /// `lastChanged` as ticks, for ordering and continuation tokens.
    var lastChanged: Ticks
    /// The bytes of each data element, by element id.
    var contents: [String: DataContent]
    /// The model behind each form data element, by element id: the app API serves it re-serialised.
    var forms: [String: FormModel] = [:]
    /// Whether the seed dropped this instance's `completed` event.
    var eventLost: Bool
    /// The owner's alternative subject for events, `/person/{ssn}` or `/org/{orgNo}`.
    let alternativeSubject: String?

    /// Whether the process has ended.
    var isCompleted: Bool { document.process?.ended != nil }

    /// Whether `org` has confirmed completion (case-insensitively, as Storage compares).
    func isConfirmed(by org: String) -> Bool {
        (document.completeConfirmations ?? []).contains { $0.stakeholderId.lowercased() == org.lowercased() }
    }

    /// Sets `lastChanged` on the document and in ticks.
    mutating func touch(_ time: Ticks, by changer: String) {
        lastChanged = time
        document.lastChanged = time.timestamp
        document.lastChangedBy = changer
    }
}
