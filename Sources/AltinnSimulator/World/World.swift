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
    /// Simulated time minus real time.
    var clockOffset: TimeInterval = 0
    /// Grant ids Maskinporten has accepted.
    var usedJTIs: Set<String> = []
    /// What clients did.
    var ledger: [LedgerEntry] = []
    /// Active fault rules and their counters.
    var faults: FaultBook
    /// Registered Maskinporten clients by id.
    var clients: [String: ClientKeys] = [:]
    /// SHA-256 digests of generated contents, by data element id.
    var digests: [String: String] = [:]

    /// The simulated time for the real time `real`.
    func now(real: Date = Date()) -> Ticks { Ticks(real.addingTimeInterval(clockOffset)) }

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
