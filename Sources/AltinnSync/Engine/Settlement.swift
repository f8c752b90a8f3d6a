import AltinnAPI
import Logging

/// Records the finished jobs of one path in the report and the retry ledger, and says which are settled
/// (done, or in the ledger), so that the cursor may pass them.
///
/// Failures that tell of trouble at Altinn go through the ``OutageBreaker``: held back while they might mean
/// an outage, recorded once Altinn shows it answers, dropped if it turns out to be down.
struct Settlement {
    let app: AppID
    let context: RunContext
    let logger: Logger
    private var breaker = OutageBreaker<FinishedJob>()

    init(app: AppID, context: RunContext, logger: Logger) {
        self.app = app
        self.context = context
        self.logger = logger
    }

    /// Records `finished` and returns the jobs settled by it: none, it, or it and the failures held before
    /// it. Throws ``RunAbort`` when the job stopped the run, ``AppUnavailable`` when the breaker trips.
    mutating func settle(_ finished: FinishedJob) throws -> [InstanceJob] {
        switch finished.result {
        case .cancelled:
            return []
        case .stop(let abort):
            throw abort
        case .outcome(let outcome):
            context.updateReport { $0.record(outcome, instance: finished.job.instance.description) }
            context.progress?.instanceDone(bytes: outcome.archivedBytes)
            if case .failed(let failure) = outcome, failure.isServiceTrouble {
                let wasTripped = breaker.isTripped
                breaker.troubled(finished, message: failure.message)
                if breaker.isTripped && !wasTripped {
                    throw AppUnavailable(
                        message:
                            "\(OutageBreaker<FinishedJob>.threshold) instances of \(app) in a row failed with trouble at Altinn, so "
                            + "Altinn seems unavailable; nothing was moved for them and the next run tries again. "
                            + "First error: \(breaker.firstFailure ?? failure.message)")
                }
                return []
            }
            let held = breaker.answered()
            for job in held { record(job) }
            record(finished)
            return held.map(\.job) + [finished.job]
        }
    }

    /// At the end of the path: the failures still held go to the ledger, unless Altinn counted as down.
    mutating func finish() -> [InstanceJob] {
        let held = breaker.answered()
        for job in held { record(job) }
        return held.map(\.job)
    }

    private func record(_ finished: FinishedJob) {
        guard case .outcome(let outcome) = finished.result else { return }
        let job = finished.job
        context.state.record(outcome, job: job, now: context.now())
        switch outcome {
        case .failed(let failure):
            logger.warning(
                "instance failed; it is in the retry ledger",
                metadata: ["instance.id": "\(job.instance)", "error": "\(failure.message)"])
        case .quarantined(let reason):
            logger.error(
                "instance quarantined: not archived and not confirmed",
                metadata: ["instance.id": "\(job.instance)", "reason": "\(reason)"])
        case .wouldArchive(let elements, let bytes, let confirm):
            logger.notice(
                "dry run: would archive\(confirm ? " and confirm" : "")",
                metadata: [
                    "instance.id": "\(job.instance)", "instance.elements": "\(elements)", "instance.bytes": "\(bytes)",
                ])
        default:
            break
        }
    }
}

/// This app cannot be served now (its feed or query is unreachable, or Altinn seems down for it): the other
/// apps go on, and the run exits 75.
struct AppUnavailable: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
