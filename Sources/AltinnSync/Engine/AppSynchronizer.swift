import AltinnAPI
import CurlHTTP
import Foundation
import Logging

/// Synchronises one app: due retries, then the events feed from the cursor, then reconciliation when due.
struct AppSynchronizer {
    let app: AppID
    let configuration: SyncConfiguration
    let options: RunOptions
    let endpoints: AltinnEndpoints
    let gateway: any AltinnGateway
    let runner: JobRunner
    let logger: Logger
    let now: @Sendable () -> Date
    let shouldStop: @Sendable () -> Bool

    /// How many instances in a row must fail for a temporary reason before the run counts Altinn as down
    /// and stops, instead of filling the retry ledger with every instance of the feed.
    static let outageThreshold = 3

    func run(journal: RunJournal, report: inout RunReport) async throws {
        try await retryDue(journal: journal, report: &report)
        if options.readEvents {
            guard !shouldStop() else {
                report.stoppedAtDeadline = true
                return
            }
            try await readEvents(journal: journal, report: &report)
        }
        if reconciliationIsDue(journal) {
            guard !shouldStop() else {
                report.stoppedAtDeadline = true
                return
            }
            try await reconcile(journal: journal, report: &report)
        }
    }

    // MARK: Retry ledger

    private func retryDue(journal: RunJournal, report: inout RunReport) async throws {
        let due = journal.ledger.due(app: app.description, now: now())
        guard !due.isEmpty else { return }
        logger.info("retrying instances from the retry ledger", metadata: ["ledger.due": "\(due.count)"])
        var jobs: [InstanceJob] = []
        for entry in due {
            guard let id = try? InstanceID(entry.instanceId) else { continue }
            jobs.append(InstanceJob(app: app, instance: id, route: .retry, earlierEventIds: entry.eventIds))
        }
        let outcomes = try await process(jobs, journal: journal, report: &report)
        if outcomes.count < jobs.count { report.stoppedAtDeadline = true }
    }

    // MARK: Processing

    /// Processes `jobs`, records every outcome in the report and the journal (and saves the ledger), and
    /// rethrows a ``RunAbort`` or cancellation after the outcomes that came before it are recorded.
    ///
    /// When every job failed because of trouble at Altinn (network, 5xx, 429), Altinn is down rather than these
    /// instances broken: the run stops with exit 75 and nothing is recorded, so the cursor stays where it was.
    /// Instances that wait for Altinn (process not ended yet, scan pending) go to the ledger however many.
    func process(
        _ jobs: [InstanceJob], journal: RunJournal, report: inout RunReport
    ) async throws -> [Int: InstanceOutcome] {
        let batch = await runner.run(jobs, shouldStop: shouldStop)
        let serviceFailures = batch.outcomes.values.compactMap { outcome -> InstanceFailure? in
            guard case .failed(let failure) = outcome, failure.isServiceTrouble else { return nil }
            return failure
        }
        if batch.error == nil, serviceFailures.count >= Self.outageThreshold,
            serviceFailures.count == batch.outcomes.count
        {
            // The counts tell what happened (files archived before a confirmation failed are in place); the
            // ledger and the cursor stay as they were.
            for (index, outcome) in batch.outcomes {
                report.record(outcome, instance: jobs[index].instance.description)
            }
            throw RunAbort(
                .temporary,
                "every instance of \(app) tried failed (\(serviceFailures.count)); Altinn seems unavailable, so "
                    + "nothing was moved and the next run tries again. First error: \(serviceFailures[0].message)")
        }
        apply(batch.outcomes, jobs: jobs, journal: journal, report: &report)
        try journal.saveLedger()
        if let error = batch.error { throw error }
        return batch.outcomes
    }

    private func apply(
        _ outcomes: [Int: InstanceOutcome], jobs: [InstanceJob], journal: RunJournal, report: inout RunReport
    ) {
        for (index, outcome) in outcomes.sorted(by: { $0.key < $1.key }) {
            let job = jobs[index]
            report.record(outcome, instance: job.instance.description)
            journal.record(outcome, job: job, now: now())
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
                        "instance.id": "\(job.instance)", "instance.elements": "\(elements)",
                        "instance.bytes": "\(bytes)",
                    ])
            default:
                break
            }
        }
    }

    /// Turns a failure of the feed or the query (not of one instance) into the run's verdict: refusals are
    /// authentication failures (exit 77), everything else is temporary (exit 75) and ends only this app.
    func feedFailure(_ error: any Error, doing context: String) -> any Error {
        switch FailureClassifier.classify(error, doing: context) {
        case .cancelled: return CancellationError()
        case .abort(let abort): return abort
        case .instance(let failure):
            if (error as? HTTPError)?.status == 403 {
                return RunAbort(
                    .authentication,
                    "\(context): forbidden (403); the token lacks altinn:serviceowner/instances.read, or the "
                        + "app's policy does not grant this org access")
            }
            return RunAbort(.temporary, failure.message)
        }
    }
}
