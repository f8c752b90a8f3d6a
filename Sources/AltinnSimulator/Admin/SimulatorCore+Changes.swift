extension SimulatorCore {
    /// Where a change to the simulator's data came from, for the ledger.
    enum ChangeSource: String {
        /// `POST /_sim/...`.
        case admin
        /// `--arrivals`.
        case arrivals
        /// A call in process (``AltinnSimulator``).
        case library
    }

    /// Adds `batch`'s instances now (created a while ago, or now when not `startedEarlier`) and records each
    /// in the ledger; throws for an unknown app, values out of range, or a seed used before.
    func addSubmissions(
        _ batch: SubmissionBatch, source: ChangeSource, request: SimRequest? = nil, startedEarlier: Bool = true
    ) throws(AdminRequestError) -> [StoredInstance] {
        let appID = try batch.resolvedApp(among: configuration.distinctApps)
        try batch.validate()
        let now = now()
        let org = configuration.org
        let made = try state.withLock { world throws(AdminRequestError) in
            try world.addSubmissions(batch, appID: appID, org: org, now: now, startedEarlier: startedEarlier)
        }
        for stored in made {
            recordChange(.instanceAdded, source: source, request: request, instance: stored, at: now) { entry in
                entry.status = request == nil ? nil : 201
                entry.reason = Self.state(of: stored, duplicated: batch.duplicateEvent)
                entry.count = stored.document.data.count
            }
        }
        return made
    }

    /// `count` arrivals now, each recorded in the ledger.
    func arrive(count: Int) {
        let now = now()
        for _ in 0..<count {
            let arrived = state.withLock { $0.arrive(configuration: configuration, now: now) }
            guard let (stored, batch) = arrived else { return }
            recordChange(.instanceAdded, source: .arrivals, request: nil, instance: stored, at: now) { entry in
                entry.reason = Self.state(of: stored, duplicated: batch.duplicateEvent)
                entry.count = stored.document.data.count
            }
        }
    }

    /// Ends the process of the in-progress instance `guid` now, registering its `completed` event unless
    /// `eventLost` (twice when `duplicated`), and records it; throws 404 for an unknown instance, 409 for one
    /// that has ended.
    func completeProcess(
        guid: String, eventLost: Bool, duplicated: Bool, source: ChangeSource, request: SimRequest? = nil
    ) throws(AdminRequestError) {
        let now = now()
        let org = configuration.org
        let (known, done) = state.withLock { world in
            let known = world.instances[guid] != nil
            let done = world.completeProcess(
                guid: guid, org: org, publishEvent: !eventLost, duplicated: duplicated, now: now)
            return (known, done)
        }
        guard known else {
            throw AdminRequestError(
                "no instance \(guid)", expected: "the guid of an instance in /_sim/truth", status: 404)
        }
        guard done, let stored = stored(guid) else {
            throw AdminRequestError(
                "instance \(guid) is completed already", expected: "an instance whose completed is false", status: 409)
        }
        recordChange(.processCompleted, source: source, request: request, instance: stored, at: now) { entry in
            entry.reason = eventLost ? "event lost" : duplicated ? "event registered twice" : "event registered"
        }
    }

    /// Deletes events registered more than `age` seconds ago (the configured retention when nil), as Events'
    /// nightly job does, and records it; returns how many went and how many are left.
    func purgeEvents(olderThan age: Double?, source: ChangeSource, request: SimRequest? = nil) -> (Int, Int) {
        let now = now()
        let limit = age ?? configuration.eventRetention
        let (purged, retained) = state.withLock { world in
            (world.purgeEvents(olderThan: limit, now: now), world.events.count)
        }
        recordChange(.eventsPurged, source: source, request: request, instance: nil, at: now) { entry in
            entry.count = purged
            entry.reason = "registered more than \(limit) s ago"
        }
        return (purged, retained)
    }

    private func recordChange(
        _ kind: LedgerEntry.Kind, source: ChangeSource, request: SimRequest?, instance: StoredInstance?, at now: Ticks,
        _ details: (inout LedgerEntry) -> Void
    ) {
        var entry = LedgerEntry(
            time: now.date, kind: kind, method: request?.method ?? "", path: request?.path ?? "",
            status: request == nil ? nil : 200)
        entry.route = source.rawValue
        entry.instanceID = instance?.document.id
        details(&entry)
        record(entry)
    }

    /// The state of a new instance in a few words, for the ledger.
    private static func state(of stored: StoredInstance, duplicated: Bool) -> String {
        guard stored.isCompleted else { return "in progress" }
        if stored.eventLost { return "completed, event lost" }
        return duplicated ? "completed, event registered twice" : "completed"
    }
}
