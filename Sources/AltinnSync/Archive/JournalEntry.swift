/// One line of the archive journal (`<archiveDir>/.journal/`, docs/consumers.md): something that happened to
/// one instance, numbered so that a consumer can tail the journal from the last number it handled.
public struct JournalEntry: Codable, Sendable, Equatable {
    /// What happened.
    public enum Event: String, Codable, Sendable {
        /// The instance folder is in place and durable; `confirmed` says whether Altinn was confirmed with it.
        case archived
        /// An instance archived earlier is now confirmed to Altinn.
        case confirmed
        /// The instance is not archived because of its content (an infected data element).
        case quarantined
    }

    /// The entry's number: it only grows, by one per entry, over the whole journal.
    public var sequence: UInt64
    /// When the entry was written (UTC, ISO 8601).
    public var time: String
    /// What happened.
    public var event: Event
    /// `{org}/{app}`.
    public var app: String
    /// `{partyId}/{instanceGuid}`.
    public var instanceId: String
    /// The instance owner's party id.
    public var partyId: String
    /// The instance GUID.
    public var instanceGuid: String
    /// The instance folder relative to the archive folder, `<org>/<app>/<partyId>/<instanceGuid>`; absent for a
    /// quarantined instance, which has none.
    public var folder: String?
    /// Whether Altinn has the confirmation (`complete`) of this org for the instance.
    public var confirmed: Bool
    /// When the confirmation was recorded, as Altinn wrote it, when confirmed.
    public var confirmedAt: String?
    /// Why, for a quarantined instance.
    public var reason: String?
}

extension JournalEntry {
    /// Whether the `onArchived` hook runs for this entry: its instance is archived and, when `confirming`,
    /// confirmed (quarantined instances have no folder to hand over).
    public func needsHook(confirming: Bool) -> Bool {
        switch event {
        case .archived: confirmed || !confirming
        case .confirmed: true
        case .quarantined: false
        }
    }
}

/// A journal entry before it gets its number.
struct JournalDraft: Sendable {
    var event: JournalEntry.Event
    var app: String
    var instanceId: String
    var partyId: String
    var instanceGuid: String
    var folder: String?
    var confirmed: Bool
    var confirmedAt: String?
    var reason: String?

    func entry(_ sequence: UInt64, time: String) -> JournalEntry {
        JournalEntry(
            sequence: sequence, time: time, event: event, app: app, instanceId: instanceId, partyId: partyId,
            instanceGuid: instanceGuid, folder: folder, confirmed: confirmed, confirmedAt: confirmedAt,
            reason: reason)
    }
}
