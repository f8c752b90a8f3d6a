extension World {
    /// One page of `appID`'s events as `getappevents_v2` selects it: after the cursor's sequence number
    /// (0 for an unknown id), up to the newest sequence number registered at least `lag` seconds ago,
    /// filtered, in sequence order, at most `query.size`.
    func eventsPage(appID: String, query: EventsQuery, parties: Set<String>?, now: Ticks, lag: Double) -> [StoredEvent]
    {
        let first = events.filter { $0.id == query.after }.map(\.sequence).min() ?? 0
        let visibleBefore = now.adding(seconds: -lag)
        let last = events.filter { $0.registered <= visibleBefore }.map(\.sequence).max() ?? 0
        var page: [StoredEvent] = []
        for event in events where event.sequence > first && event.sequence <= last {
            guard event.appID == appID else { continue }
            if let parties, !parties.contains(event.partyID) { continue }
            if let from = query.from, event.time < from { continue }
            if let to = query.to, event.time > to { continue }
            if !query.types.isEmpty, !query.types.contains(where: { $0.matches(event.type) }) { continue }
            page.append(event)
            if page.count == query.size { break }
        }
        return page
    }

    /// The party ids of instance owners with national id `person` or org number `unit`.
    func parties(person: String?, unit: String?) -> Set<String> {
        Set(
            instances.values.filter { stored in
                let owner = stored.document.instanceOwner
                return (person != nil && owner.personNumber == person)
                    || (unit != nil && owner.organisationNumber == unit)
            }.map(\.partyID))
    }
}
