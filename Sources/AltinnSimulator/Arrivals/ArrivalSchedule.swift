/// When arrivals are due on the simulated clock: one every `1 / rate` simulated seconds from the start.
///
/// Only the time of the next arrival is kept, never a queue: a clock moved far ahead makes at most
/// ``maxBacklog`` arrivals at once and skips the rest; a clock moved back starts the schedule again from
/// there.
struct ArrivalSchedule: Sendable {
    /// Simulated seconds between two arrivals.
    let interval: Double
    /// When the next arrival is due.
    private(set) var next: Ticks

    /// The most arrivals made at once when the clock has jumped ahead.
    static let maxBacklog = 1000

    /// The schedule for `rate` from `start`; the first arrival is due one interval later.
    init(rate: ArrivalRate, start: Ticks) {
        interval = 1 / rate.perSecond
        next = start.adding(seconds: interval)
    }

    /// How many arrivals are due at `now` (at most ``maxBacklog``) and how many were skipped beyond that;
    /// the schedule moves past all of them.
    mutating func due(at now: Ticks) -> (due: Int, skipped: Int) {
        if next > now.adding(seconds: interval) {
            next = now.adding(seconds: interval)
            return (0, 0)
        }
        guard next <= now else { return (0, 0) }
        let late = Double(now.value - next.value) / Double(Ticks.perSecond)
        let behind = Int((late / interval).rounded(.down)) + 1
        next = next.adding(seconds: Double(behind) * interval)
        let due = min(behind, Self.maxBacklog)
        return (due, behind - due)
    }
}
