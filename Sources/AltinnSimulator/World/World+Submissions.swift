extension World {
    /// Makes and stores `batch`'s instances of `appID` and registers their events at `now`, so the visibility
    /// lag counts from now. Each instance was created a while before `now` (minutes to hours, as seeded
    /// data), or at `now` when not `startedEarlier`, and, when completed, ended at `now`.
    ///
    /// With a seed the batch is made from that seed alone; a GUID that exists already (the seed was used
    /// before) is a conflict, and nothing is added.
    mutating func addSubmissions(
        _ batch: SubmissionBatch, appID: String, org: String, now: Ticks, startedEarlier: Bool = true
    ) throws(AdminRequestError) -> [StoredInstance] {
        var generator = batch.seed.map(SplitMix64.init(seed:)) ?? rng
        let factory = InstanceFactory(org: org, registrationDelay: false, compactAttachments: true)
        var made: [StoredInstance] = []
        var drafts: [EventDraft] = []
        for offset in 0..<batch.count {
            let duration = startedEarlier ? Double(Int.random(in: 300...21_600, using: &generator)) : 0
            var (stored, events) = factory.inProgress(
                appID: appID, internalID: Int64(order.count + offset + 1), created: now.adding(seconds: -duration),
                elements: batch.dataElements, rng: &generator)
            if batch.completed {
                stored.eventLost = batch.eventLost
                let receiptWithoutSize = batch.dataElements?.contains { $0.kind == .receiptWithoutSize } ?? false
                events += factory.complete(
                    &stored, at: now, specials: receiptWithoutSize ? [.sizeAbsent] : [],
                    duplicated: batch.duplicateEvent, rng: &generator)
            }
            made.append(stored)
            drafts += events.map { $0.registered(notBefore: now) }
        }
        if let taken = made.first(where: { instances[$0.guid] != nil }) {
            throw AdminRequestError(
                "instance \(taken.guid) exists already: seed \(batch.seed.map(String.init) ?? "") was used before",
                expected: "another seed, or none", status: 409)
        }
        if batch.seed == nil { rng = generator }
        for stored in made {
            instances[stored.guid] = stored
            order.append(stored.guid)
        }
        register(drafts)
        return made
    }

    /// One arrival of `--arrivals` at `now`: an instance of a random app, completed or in progress and with
    /// its event lost or duplicated in the configuration's shares, as seeded data is.
    mutating func arrive(configuration: SimulatorConfiguration, now: Ticks) -> (StoredInstance, SubmissionBatch)? {
        let apps = configuration.distinctApps
        guard !apps.isEmpty else { return nil }
        let app = apps[Int.random(in: 0..<apps.count, using: &rng)]
        let completed = !rng.chance(configuration.inProgressShare)
        let lost = completed && rng.chance(configuration.lostEventShare)
        let duplicated = completed && !lost && rng.chance(configuration.duplicatedEventShare)
        let batch = SubmissionBatch(completed: completed, eventLost: lost, duplicateEvent: duplicated)
        guard let made = try? addSubmissions(batch, appID: app, org: configuration.org, now: now).first else {
            return nil
        }
        return (made, batch)
    }

    /// Deletes the events registered more than `age` seconds before `now`, as retention does; returns how
    /// many.
    mutating func purgeEvents(olderThan age: Double, now: Ticks) -> Int {
        let before = events.count
        purgeEvents(now: now, retention: age)
        return before - events.count
    }
}

extension EventDraft {
    /// The draft registered no earlier than `time`.
    func registered(notBefore time: Ticks) -> EventDraft {
        guard registered < time else { return self }
        var draft = EventDraft(
            registered: time, id: id, time: self.time, type: type, appID: appID, partyID: partyID,
            instanceGUID: instanceGUID, alternativeSubject: alternativeSubject)
        draft.sourceOverride = sourceOverride
        draft.omitResourceInstance = omitResourceInstance
        return draft
    }
}
