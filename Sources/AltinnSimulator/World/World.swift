import Foundation

/// Everything the simulator knows and remembers, as one value guarded by ``SimulatorState``.
struct World: Sendable {
    /// Instances by GUID.
    var instances: [String: StoredInstance] = [:]
    /// Instance GUIDs in internal-id order.
    var order: [String] = []
    /// Events in sequence order.
    var events: [StoredEvent] = []
    /// The next event sequence number.
    var nextSequence: Int64 = 1
    /// The generator for data added at run time.
    var rng: SplitMix64
    /// Simulated time minus real time, while the clock runs.
    var clockOffset: TimeInterval = 0
    /// The simulated time while the clock stands still; nil while it runs.
    var frozenTime: Date?
    /// Grant ids Maskinporten has accepted.
    var usedJTIs: Set<String> = []
    /// Tokens and grants a token-expiry fault has expired: refused from then on.
    var expiredCredentials: Set<String> = []
    /// What clients did.
    var ledger: [LedgerEntry] = []
    /// Active fault rules and their counters.
    var faults: FaultBook
    /// Registered Maskinporten clients by id.
    var clients: [String: ClientKeys] = [:]
    /// SHA-256 digests of generated contents, by data element id.
    var digests: [String: String] = [:]

    /// The simulated time for the real time `real`.
    func now(real: Date = Date()) -> Ticks { Ticks(frozenTime ?? real.addingTimeInterval(clockOffset)) }

    /// Moves the simulated clock by `interval`.
    mutating func advanceClock(by interval: TimeInterval) {
        if let frozenTime {
            self.frozenTime = frozenTime.addingTimeInterval(interval)
        } else {
            clockOffset += interval
        }
    }

    /// Sets the simulated clock to `date`.
    mutating func setClock(to date: Date, real: Date = Date()) {
        if frozenTime != nil {
            frozenTime = date
        } else {
            clockOffset = date.timeIntervalSince(real)
        }
    }

    /// Stops the clock at the current simulated time (`true`), or lets it run on from there (`false`).
    mutating func freezeClock(_ frozen: Bool, real: Date = Date()) {
        if frozen, frozenTime == nil {
            frozenTime = real.addingTimeInterval(clockOffset)
        } else if !frozen, let frozenTime {
            clockOffset = frozenTime.timeIntervalSince(real)
            self.frozenTime = nil
        }
    }

    /// The world seeded from `configuration` at simulated time `now`.
    init(configuration: SimulatorConfiguration, real: Date = Date()) {
        let start = configuration.startTime ?? real
        clockOffset = start.timeIntervalSince(real)
        let (instances, events, rng) = Seeder.seed(configuration, now: Ticks(start))
        self.rng = rng
        faults = FaultBook(rules: configuration.faults, seed: configuration.seed ^ 0xFA17)
        for instance in instances {
            self.instances[instance.guid] = instance
            order.append(instance.guid)
        }
        self.events = events
        nextSequence = Int64(events.count + 1)
    }

    /// Registers drafted events, in registration order, with the next sequence numbers.
    mutating func register(_ drafts: [EventDraft]) {
        for draft in drafts.sorted(by: { $0.registered < $1.registered }) {
            events.append(draft.stored(sequence: nextSequence))
            nextSequence += 1
        }
    }

    /// Deletes events registered before `now - retention`, as Events' nightly job does.
    mutating func purgeEvents(now: Ticks, retention: TimeInterval) {
        let cutoff = now.adding(seconds: -retention)
        events.removeAll { $0.registered < cutoff }
    }

    /// Appends a ledger entry.
    mutating func record(_ entry: LedgerEntry) {
        ledger.append(entry)
    }
}
