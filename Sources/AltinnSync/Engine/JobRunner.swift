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

    /// Runs `jobs`. A job that throws (a ``RunAbort`` or cancellation) cancels the others; the outcomes of
    /// jobs that finished anyway are kept, so their results are recorded before the error ends the run.
    func run(_ jobs: [InstanceJob], shouldStop: @Sendable () -> Bool) async -> JobBatch {
        await withTaskGroup(of: (Int, Result<InstanceOutcome, any Error>).self) { group in
            var batch = JobBatch()
            var next = 0
            let processor = processor
            func startNext() -> Bool {
                guard batch.error == nil, next < jobs.count, !shouldStop() else { return false }
                let index = next
                let job = jobs[index]
                group.addTask {
                    do {
                        return (index, .success(try await processor.process(job)))
                    } catch {
                        return (index, .failure(error))
                    }
                }
                next += 1
                return true
            }
            while next < limit, startNext() {}
            while let (index, result) = await group.next() {
                switch result {
                case .success(let outcome):
                    batch.outcomes[index] = outcome
                    _ = startNext()
                case .failure(let error):
                    if batch.error == nil || batch.error is CancellationError {
                        batch.error = error
                    }
                    group.cancelAll()
                }
            }
            return batch
        }
    }
}
