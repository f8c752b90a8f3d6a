/// Turns a configuration into the starting world: instances spread over the last two weeks, most of them
/// completed, with their events in registration order.
enum Seeder {
    /// The seeded instances (in creation order) and events (in sequence order), and the generator to
    /// continue with for data added at run time.
    static func seed(
        _ configuration: SimulatorConfiguration, now: Ticks
    ) -> (instances: [StoredInstance], events: [StoredEvent], rng: SplitMix64) {
        var rng = SplitMix64(seed: configuration.seed)
        let factory = InstanceFactory(org: configuration.org)
        let apps = configuration.distinctApps
        let count = max(0, configuration.instanceCount)
        guard count > 0, !apps.isEmpty else { return ([], [], rng) }

        let inProgress = Set(pick(share: configuration.inProgressShare, of: Array(0..<count), rng: &rng))
        let completed = (0..<count).filter { !inProgress.contains($0) }
        var remaining = completed.shuffled(using: &rng)
        let lost = Set(take(share: configuration.lostEventShare, from: &remaining, total: completed.count))
        let duplicated = Set(take(share: configuration.duplicatedEventShare, from: &remaining, total: completed.count))
        let specials = specialPlacement(configuration, completedWithEvent: completed.filter { !lost.contains($0) })

        let span = 14.0 * 24 * 3600
        let start = now.adding(seconds: -span)
        var instances: [StoredInstance] = []
        var drafts: [EventDraft] = []
        for index in 0..<count {
            let appID = apps[Int.random(in: 0..<apps.count, using: &rng)]
            let offset = span * 0.9 * Double(index) / Double(count) + Double(Int.random(in: 0...600, using: &rng))
            let created = start.adding(seconds: offset)
            var (stored, events) = factory.inProgress(
                appID: appID, internalID: Int64(index + 1), created: created, rng: &rng)
            drafts += events
            if !inProgress.contains(index) {
                stored.eventLost = lost.contains(index)
                let duration = Double(Int.random(in: 300...21_600, using: &rng))
                let ended = min(created.adding(seconds: duration), now.adding(seconds: -3600))
                drafts += factory.complete(
                    &stored, at: ended, specials: specials[index] ?? [], duplicated: duplicated.contains(index),
                    rng: &rng)
            }
            instances.append(stored)
        }
        let ordered = drafts.sorted { ($0.registered, $0.id) < ($1.registered, $1.id) }
        let events = ordered.enumerated().map { $1.stored(sequence: Int64($0 + 1)) }
        return (instances, events, rng)
    }

    /// Which completed instances (with a `completed` event) get the unusual elements: the earliest ones, one
    /// special each while there are enough of them.
    static func specialPlacement(
        _ configuration: SimulatorConfiguration, completedWithEvent: [Int]
    ) -> [Int: Set<SpecialElement>] {
        var wanted: [SpecialElement] = [.pathTraversal, .zeroByte]
        if configuration.largeElementSize > 0 { wanted.append(.large(configuration.largeElementSize)) }
        if configuration.infectedInstance { wanted.append(.infected) }
        if configuration.pendingScanInstance { wanted.append(.pendingScan) }
        if configuration.hardDeletedElement { wanted.append(.hardDeleted) }
        if configuration.sizeAbsentElement { wanted.append(.sizeAbsent) }
        var placement: [Int: Set<SpecialElement>] = [:]
        for (offset, special) in wanted.enumerated() where !completedWithEvent.isEmpty {
            placement[completedWithEvent[offset % completedWithEvent.count], default: []].insert(special)
        }
        return placement
    }

    /// `share` of `items` (rounded, at least one when the share is positive), chosen at random.
    private static func pick(share: Double, of items: [Int], rng: inout SplitMix64) -> [Int] {
        var pool = items.shuffled(using: &rng)
        return take(share: share, from: &pool, total: items.count)
    }

    /// Removes and returns `share` of `total` (at least one when positive) from the front of `pool`.
    private static func take(share: Double, from pool: inout [Int], total: Int) -> [Int] {
        guard share > 0, total > 0 else { return [] }
        let wanted = min(pool.count, max(1, Int((Double(total) * min(share, 1)).rounded())))
        let taken = Array(pool.prefix(wanted))
        pool.removeFirst(wanted)
        return taken
    }
}
