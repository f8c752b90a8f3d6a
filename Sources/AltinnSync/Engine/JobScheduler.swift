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
    /// ones finish and are settled, and the first error is rethrown; when that error stops the run
    /// (``RunAbort``), the running jobs are cancelled instead (cancelled jobs record nothing). Cancelling the
    /// calling task cancels them too, and throws `CancellationError`.
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
            if let failure, Self.stopsRunningJobs(failure) { group.cancelAll() }
            while let finished = await group.next() {
                do {
                    try await source.settle(finished)
                } catch {
                    if failure == nil { failure = error }
                    if Self.stopsRunningJobs(error) { group.cancelAll() }
                }
            }
        }
        if let failure { throw failure }
        try Task.checkCancellation()
    }

    /// Whether `error` cancels the jobs under way: it stops the run. The end of one source (Altinn down for
    /// this app, a blocked feed) lets them finish.
    private static func stopsRunningJobs(_ error: any Error) -> Bool {
        error is RunAbort || error is CancellationError
    }
}
