/// Tells an outage at Altinn from instances that happen to fail.
///
/// A failure that tells of trouble at Altinn (network, 5xx, 429) is held back instead of going to the retry
/// ledger at once. Any other outcome shows that Altinn answers, so the failures held go to the ledger. If
/// ``threshold`` such failures come in a row first, Altinn is down: the breaker trips, the failures held are
/// dropped (their events stay ahead of the cursor and the next run redoes them), and the app stops, rather
/// than filling the ledger with every instance of the feed.
struct OutageBreaker<Held> {
    /// How many trouble failures in a row, with nothing else between, mean Altinn is down.
    static var threshold: Int { 3 }

    private(set) var held: [Held] = []
    /// Whether Altinn counts as down for the rest of the run.
    private(set) var isTripped = false
    /// The first failure of the run of failures, for the message.
    private(set) var firstFailure: String?

    /// A trouble failure; it is held back (and dropped for good once the breaker has tripped).
    mutating func troubled(_ item: Held, message: String) {
        guard !isTripped else { return }
        if held.isEmpty { firstFailure = message }
        held.append(item)
        if held.count >= Self.threshold {
            isTripped = true
            held = []
        }
    }

    /// Any other outcome: Altinn answers. Returns the failures held, which now go to the ledger.
    mutating func answered() -> [Held] {
        defer { held = [] }
        return held
    }
}
