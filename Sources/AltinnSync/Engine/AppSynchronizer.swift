import AltinnAPI
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

    /// How far back in time a page may start before the cursor's own event, before it counts as a reset:
    /// Altinn's `time` is not monotonic in feed order, but it is close.
    static let resetTolerance: TimeInterval = 15 * 60

    func run(journal: RunJournal, report: inout RunReport) async throws {
        try await retryDue(journal: journal, report: &report)
        if options.readEvents, !shouldStop() {
            try await readEvents(journal: journal, report: &report)
        }
        if !shouldStop(), reconciliationIsDue(journal) {
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
        let outcomes = try await runner.run(jobs, shouldStop: shouldStop)
        apply(outcomes, jobs: jobs, journal: journal, report: &report)
        try journal.saveLedger()
        if outcomes.count < jobs.count { report.stoppedAtDeadline = true }
    }
    // MARK: Outcomes

    func apply(
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

    func newest(_ current: String?, _ candidate: String?) -> String? {
        guard let candidate else { return current }
        guard let current, let a = try? AltinnTimestamp(current), let b = try? AltinnTimestamp(candidate) else {
            return candidate
        }
        return b.date > a.date ? candidate : current
    }
}

extension Duration {
    /// The duration in seconds.
    var secondsValue: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
