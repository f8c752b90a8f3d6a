import Foundation

/// What a batch of instance jobs produced.
struct JobBatch: Sendable {
    /// The outcome of each job that finished, by index; jobs never started or cancelled are absent.
    var outcomes: [Int: InstanceOutcome] = [:]
    /// The ``RunAbort`` or cancellation that stopped the batch, if one did.
    var error: (any Error)?
}

/// Runs instance jobs with at most `limit` at a time, in order of submission, and stops starting new ones
/// once `shouldStop` says so.
struct JobRunner: Sendable {
    let limit: Int
    let processor: InstanceProcessor

    /// What one job returned or threw.
    private struct Finished: Sendable {
        let index: Int
        let result: Result<InstanceOutcome, any Error>
    }

    /// Runs `jobs`. A job that throws (a ``RunAbort`` or cancellation) cancels the others; the outcomes of
    /// jobs that finished anyway are kept, so their results are recorded before the error ends the run.
    func run(_ jobs: [InstanceJob], shouldStop: @Sendable () -> Bool) async -> JobBatch {
        let processor = processor
        return await withTaskGroup(of: Finished.self, returning: JobBatch.self) { group in
            var outcomes: [Int: InstanceOutcome] = [:]
            var failure: (any Error)?
            var next = 0
            while next < jobs.count, next < limit, !shouldStop() {
                group.addTask { [job = jobs[next], index = next] in await Self.attempt(processor, job, index) }
                next += 1
            }
            while let finished = await group.next() {
                switch finished.result {
                case .success(let outcome):
                    outcomes[finished.index] = outcome
                    if failure == nil, next < jobs.count, !shouldStop() {
                        group.addTask { [job = jobs[next], index = next] in await Self.attempt(processor, job, index) }
                        next += 1
                    }
                case .failure(let error):
                    if failure == nil || failure is CancellationError { failure = error }
                    group.cancelAll()
                }
            }
            return JobBatch(outcomes: outcomes, error: failure)
        }
    }

    private static func attempt(_ processor: InstanceProcessor, _ job: InstanceJob, _ index: Int) async -> Finished {
        do {
            return Finished(index: index, result: .success(try await processor.process(job)))
        } catch {
            return Finished(index: index, result: .failure(error))
        }
    }
}
