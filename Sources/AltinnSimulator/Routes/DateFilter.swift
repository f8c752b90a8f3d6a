/// One date condition of the instance query, `{op}:{date}` with `op` one of `gt`, `gte`, `lt`, `lte`, `eq`.
struct DateFilter: Sendable, Equatable {
    enum Operator: String, Sendable {
        case gt, gte, lt, lte, eq
    }

    let op: Operator
    let ticks: Ticks

    /// Parses `value`; nil when it has no known operator or no date after it.
    init?(_ value: String) {
        guard let colon = value.firstIndex(of: ":"), let op = Operator(rawValue: String(value[..<colon])),
            let date = QueryDate(String(value[value.index(after: colon)...]))
        else { return nil }
        self.op = op
        ticks = date.ticks
    }

    /// Whether `time` satisfies the condition.
    func accepts(_ time: Ticks) -> Bool {
        switch op {
        case .gt: time > ticks
        case .gte: time >= ticks
        case .lt: time < ticks
        case .lte: time <= ticks
        case .eq: time == ticks
        }
    }
}
