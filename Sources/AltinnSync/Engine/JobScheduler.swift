/// A job that finished, with what it came to.
struct FinishedJob: Sendable {
    let job: InstanceJob
    let result: JobResult
}

/// Where instance jobs come from (the events feed, the instance query, the retry ledger), and what happens
/// to them when they finish.
protocol InstanceSource {
    /// The next job to run, or nil when there is no more work (or no more may start).
    mutating func nextJob() async throws -> InstanceJob?
    /// Records a finished job; throws to stop the source (a run abort, Altinn down).
    mutating func settle(_ finished: FinishedJob) async throws
}

/// Runs a source's jobs side by side: at most `slots` at once, each settled as it finishes.
enum JobScheduler {
    /// Runs every job of `source`. When the source or a settlement throws, no job starts any more, the running
    /// ones are cancelled, each is still settled (cancelled jobs record nothing), and the first error is
    /// rethrown. Cancelling the calling task does the same with `CancellationError`.
    static func run<Source: InstanceSource>(
        _ source: inout Source, processor: InstanceProcessor, slots: Int
    ) async throws {
        var failure: (any Error)?
        await withTaskGroup(of: FinishedJob.self) { group in
            var running = 0
            while failure == nil {
                let job: InstanceJob?
                do {
                    try Task.checkCancellation()
                    job = try await source.nextJob()
                } catch {
                    failure = error
                    break
                }
                guard let job else { break }
                if running >= slots, let finished = await group.next() {
                    running -= 1
                    do {
                        try await source.settle(finished)
                    } catch {
                        failure = error
                        break
                    }
                }
                group.addTask { FinishedJob(job: job, result: await processor.process(job)) }
                running += 1
            }
            if failure != nil { group.cancelAll() }
            while let finished = await group.next() {
                do {
                    try await source.settle(finished)
                } catch {
                    if failure == nil { failure = error }
                    group.cancelAll()
                }
            }
        }
        if let failure { throw failure }
        try Task.checkCancellation()
    }
}
