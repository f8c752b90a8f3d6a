internal import Logging

/// Makes the arrivals of `--arrivals` in the background, on the simulated clock, until stopped.
///
/// Thread model: the task alone owns the schedule; it reaches the world through the core's mutex.
final class ArrivalRunner: Sendable {
    private let task: Task<Void, Never>

    /// How often the schedule is looked at, in real time.
    static let tick: Duration = .milliseconds(100)

    /// Starts making arrivals at `rate` from the simulated time now.
    init(core: SimulatorCore, rate: ArrivalRate) {
        let start = core.now()
        task = Task {
            var schedule = ArrivalSchedule(rate: rate, start: start)
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: Self.tick)
                } catch {
                    return
                }
                let (due, skipped) = schedule.due(at: core.now())
                if skipped > 0 {
                    core.logger.warning(
                        "the simulated clock jumped ahead; arrivals skipped",
                        metadata: ["arrivals.skipped": "\(skipped)"])
                }
                if due > 0 { core.arrive(count: due) }
            }
        }
    }

    /// Stops making arrivals and returns once the last one is stored.
    func stop() async {
        task.cancel()
        await task.value
    }
}
