internal import AltinnAPI

extension World {
    /// Ends the process of the in-progress instance `guid` at `now`, registering its `completed` event when
    /// `publishEvent` (twice when `duplicated`); returns false when there is no such instance or it has
    /// ended already.
    mutating func completeProcess(
        guid: String, org: String, publishEvent: Bool, duplicated: Bool = false, now: Ticks
    ) -> Bool {
        guard var stored = instances[guid], !stored.isCompleted else { return false }
        stored.eventLost = !publishEvent
        let drafts = InstanceFactory(org: org, registrationDelay: false).complete(
            &stored, at: now, specials: [], duplicated: duplicated, rng: &rng)
        instances[guid] = stored
        register(drafts)
        return true
    }

    /// Registers an event of `type` about `guid`, posted at `now`; returns its id.
    mutating func publishEvent(
        type: String, guid: String, now: Ticks, sourceOverride: String? = nil, omitResourceInstance: Bool = false
    ) -> String? {
        guard let stored = instances[guid] else { return nil }
        let draft = InstanceFactory(org: stored.document.org).draft(type, stored, at: now, rng: &rng)
        let immediate = EventDraft(
            registered: now, id: draft.id, time: now, type: type, appID: stored.appID, partyID: stored.partyID,
            instanceGUID: guid, alternativeSubject: stored.alternativeSubject, sourceOverride: sourceOverride,
            omitResourceInstance: omitResourceInstance)
        register([immediate])
        return immediate.id
    }

    /// Confirms completion of `guid` for `org`, as Storage does: idempotent; a new confirmation moves
    /// `lastChanged` to `now` and sets `lastChangedBy` to `orgNumber`. Nil for an unknown instance.
    mutating func confirm(guid: String, org: String, orgNumber: String, now: Ticks) -> (Instance, isNew: Bool)? {
        guard var stored = instances[guid] else { return nil }
        if stored.isConfirmed(by: org) { return (stored.document, false) }
        var confirmations = stored.document.completeConfirmations ?? []
        confirmations.append(CompleteConfirmation(stakeholderId: org, confirmedOn: now.timestamp))
        stored.document.completeConfirmations = confirmations
        stored.touch(now, by: orgNumber)
        instances[guid] = stored
        return (stored.document, true)
    }
}
