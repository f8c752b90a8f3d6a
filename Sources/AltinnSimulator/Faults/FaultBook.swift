/// The fault rules in force, how many requests each has seen, and the dice.
struct FaultBook: Sendable {
    /// The rules, in the order they were given.
    private(set) var rules: [FaultRule]
    /// Matching requests seen per rule.
    private var hits: [Int]
    private var rng: SplitMix64

    init(rules: [FaultRule], seed: UInt64) {
        self.rules = rules
        hits = Array(repeating: 0, count: rules.count)
        rng = SplitMix64(seed: seed)
    }

    /// Replaces the rules and resets their counters.
    mutating func replace(with rules: [FaultRule]) {
        self.rules = rules
        hits = Array(repeating: 0, count: rules.count)
    }

    /// The faults that fire for one request on `route`: every latency that fires, then at most one other
    /// fault (the first rule that fires). A rule whose kind does not act on `route` neither fires nor counts
    /// the request.
    mutating func draw(for route: FaultRoute) -> [FaultKind] {
        var fired: [FaultKind] = []
        var other = false
        for index in rules.indices
        where (rules[index].route == nil || rules[index].route == route) && rules[index].kind.applies(to: route) {
            hits[index] += 1
            let rule = rules[index]
            if let first = rule.firstRequests, hits[index] > first { continue }
            if let probability = rule.probability, !rng.chance(probability) { continue }
            if case .latency = rule.kind {
                fired.append(rule.kind)
            } else if !other {
                fired.append(rule.kind)
                other = true
            }
        }
        return fired
    }
}
