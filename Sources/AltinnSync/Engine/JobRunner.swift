import Foundation

/// Runs instance jobs with at most `limit` at a time, in order of submission, and stops starting new ones
/// once `shouldStop` says so.
struct JobRunner: Sendable {
    let limit: Int
    let processor: InstanceProcessor

    /// The outcome of each job that ran, by index; jobs never started are absent. Rethrows a ``RunAbort``
    /// or cancellation from any job, after cancelling the others.
    func run(_ jobs: [InstanceJob], shouldStop: @Sendable () -> Bool) async throws -> [Int: InstanceOutcome] {
        try await withThrowingTaskGroup(of: (Int, InstanceOutcome).self) { group in
            var outcomes: [Int: InstanceOutcome] = [:]
            var next = 0
            let processor = processor
            func startNext() -> Bool {
                guard next < jobs.count, !shouldStop() else { return false }
                let index = next
                let job = jobs[index]
                group.addTask { (index, try await processor.process(job)) }
                next += 1
                return true
            }
            while next < limit, startNext() {}
            while let (index, outcome) = try await group.next() {
                outcomes[index] = outcome
                _ = startNext()
            }
            return outcomes
        }
    }
}
