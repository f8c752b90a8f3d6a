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

    // MARK: Events

    private func readEvents(journal: RunJournal, report: inout RunReport) async throws {
        var cursor = journal.appState(app).cursor.flatMap { try? EventID($0) } ?? EventID.start
        var cursorTime = journal.appState(app).cursorEventTime.flatMap { try? AltinnTimestamp($0) }
        checkCursorAge(cursorTime, journal: journal)
        var cursorChecked = false
        while !shouldStop() {
            let page = try await eventsPage(after: cursor)
            guard let last = page.events.last else {
                logger.debug("events feed caught up", metadata: ["cursor.after": "\(cursor)"])
                return
            }
            report.counts.eventsSeen += page.events.count
            if !cursorChecked {
                cursorChecked = true
                checkForReset(page: page.events, cursor: cursor, cursorTime: cursorTime, journal: journal)
            }
            let (jobs, eventJobs) = jobsForPage(page.events)
            let outcomes = try await runner.run(jobs, shouldStop: shouldStop)
            apply(outcomes, jobs: jobs, journal: journal, report: &report)

            // The cursor may pass every event whose instance is done or in the ledger: the longest prefix
            // of the page whose jobs all ran.
            var passable: CloudEvent?
            for (event, jobIndex) in zip(page.events, eventJobs) {
                if let jobIndex, outcomes[jobIndex] == nil { break }
                passable = event
            }
            guard let passable else {
                report.stoppedAtDeadline = true
                try journal.saveLedger()
                return
            }
            if !options.dryRun { try journal.moveCursor(app, to: passable, now: now()) }
            report.newestEventTime = newest(report.newestEventTime, passable.time?.text)
            cursor = try passable.eventID
            cursorTime = passable.time
            logger.debug(
                "events page done",
                metadata: ["events.count": "\(page.events.count)", "cursor.after": "\(cursor)"])
            if passable.id != last.id {
                report.stoppedAtDeadline = true
                return
            }
        }
        report.stoppedAtDeadline = true
    }

    private func eventsPage(after cursor: EventID) async throws -> EventsPage {
        do {
            return try await gateway.eventsPage(
                app: app, after: cursor, types: configuration.eventTypes, size: configuration.eventPageSize)
        } catch {
            switch FailureClassifier.classify(error, doing: "reading the events of \(app)") {
            case .cancelled: throw CancellationError()
            case .abort(let abort): throw abort
            case .instance(let failure):
                // The feed itself failing is not about one instance: nothing moved, try again next run.
                throw RunAbort(failure.kind == .transient ? .temporary : .authentication, failure.message)
            }
        }
    }

    /// One job per instance named on the page (duplicates merged), and for each event the index of its job
    /// (nil for events that name no usable instance of this app).
    private func jobsForPage(_ events: [CloudEvent]) -> ([InstanceJob], [Int?]) {
        var jobs: [InstanceJob] = []
        var indexByInstance: [InstanceID: Int] = [:]
        var eventJobs: [Int?] = []
        for event in events {
            let reference: EventInstanceReference
            do {
                reference = try endpoints.instanceReference(for: event, app: app)
            } catch {
                logger.warning(
                    "ignoring an event that names no instance of this app",
                    metadata: ["event.id": "\(event.id)", "event.type": "\(event.type)", "error": "\(error)"])
                eventJobs.append(nil)
                continue
            }
            if let host = reference.unexpectedSourceHost {
                logger.warning(
                    "event source names another host; it is ignored, requests go to the configured hosts only",
                    metadata: ["event.id": "\(event.id)", "event.source_host": "\(host)"])
            }
            if let index = indexByInstance[reference.instanceID] {
                jobs[index].events.append(event)
                eventJobs.append(index)
            } else {
                indexByInstance[reference.instanceID] = jobs.count
                eventJobs.append(jobs.count)
                jobs.append(InstanceJob(app: app, instance: reference.instanceID, route: .events, events: [event]))
            }
        }
        return (jobs, eventJobs)
    }

    /// Events well before the cursor's own event mean Altinn restarted the feed (an unknown or purged
    /// cursor reads from the oldest event). Nothing is lost, and processing is idempotent, but the gap the
    /// reset may hide is closed by a reconciliation sweep.
    private func checkForReset(
        page: [CloudEvent], cursor: EventID, cursorTime: AltinnTimestamp?, journal: RunJournal
    ) {
        guard cursor != EventID.start, let cursorDate = cursorTime?.date, let first = page.first?.time?.date else {
            return
        }
        if first.timeIntervalSince(cursorDate) < -Self.resetTolerance {
            logger.warning(
                """
                events older than the cursor reappeared: Altinn restarted the feed (the cursor's event was purged \
                or is unknown); already archived instances are not fetched again, and a reconciliation sweep will run
                """,
                metadata: ["cursor.after": "\(cursor)", "cursor.time": "\(cursorTime?.text ?? "")"])
            journal.updateAppState(app) { $0.reconciliationRequested = true }
        }
    }

    /// Altinn deletes events after 90 days. A cursor whose event is that old may already be gone: Altinn then
    /// restarts the feed from its oldest event without a word, and every event between the cursor and that
    /// one is lost to the feed. Only a sweep of the instance query finds their instances.
    private func checkCursorAge(_ cursorTime: AltinnTimestamp?, journal: RunJournal) {
        guard let cursorTime else { return }
        let age = now().timeIntervalSince(cursorTime.date)
        guard age > Self.cursorAgeLimit else { return }
        logger.warning(
            """
            the cursor's event is \(Int(age / 86400)) days old; Altinn keeps events for 90 days, so events after \
            it may be gone from the feed; a reconciliation sweep will run
            """,
            metadata: ["cursor.time": "\(cursorTime.text)"])
        journal.updateAppState(app) { $0.reconciliationRequested = true }
    }

    /// The cursor age that calls for a sweep: Altinn's 90-day retention less a margin.
    static let cursorAgeLimit: TimeInterval = 80 * 86400

    // MARK: Reconciliation

    private func reconciliationIsDue(_ journal: RunJournal) -> Bool {
        switch options.reconcile {
        case .never: return false
        case .always: return true
        case .whenDue:
            guard configuration.reconcile.enabled else { return false }
            let state = journal.appState(app)
            if state.reconciliationRequested == true { return true }
            guard let last = state.lastReconciliation else { return true }
            return now().timeIntervalSince(last) >= configuration.reconcile.interval.secondsValue
        }
    }

    private func reconcile(journal: RunJournal, report: inout RunReport) async throws {
        logger.info("reconciling with the Storage instance query")
        var found = 0
        var page = try await queryPage {
            try await gateway.unconfirmedInstances(
                app: app, size: configuration.reconcile.pageSize, changedFrom: options.reconcileChangedFrom,
                changedBefore: options.reconcileChangedBefore)
        }
        while true {
            var jobs: [InstanceJob] = []
            for instance in page.instances {
                guard let id = try? instance.instanceID else {
                    logger.warning(
                        "query returned an instance with an unusable id", metadata: ["instance.id": "\(instance.id)"])
                    continue
                }
                found += 1
                // Instances in the retry ledger are retried on its schedule (or by hand), not by every sweep.
                guard !journal.ledger.contains(id.description) else { continue }
                jobs.append(InstanceJob(app: app, instance: id, route: .reconciliation))
            }
            let outcomes = try await runner.run(jobs, shouldStop: shouldStop)
            apply(outcomes, jobs: jobs, journal: journal, report: &report)
            try journal.saveLedger()
            if outcomes.count < jobs.count || shouldStop() {
                report.stoppedAtDeadline = true
                return
            }
            guard let next = page.next else { break }
            page = try await queryPage { try await gateway.unconfirmedInstances(next: next) }
        }
        logger.info("reconciliation finished", metadata: ["reconcile.found": "\(found)"])
        journal.updateAppState(app) { state in
            state.lastReconciliation = now()
            state.lastReconciliationFound = found
            state.reconciliationRequested = nil
        }
        try journal.saveState()
    }

    private func queryPage(_ fetch: () async throws -> QueryResponse) async throws -> QueryResponse {
        do {
            return try await fetch()
        } catch {
            switch FailureClassifier.classify(error, doing: "querying unconfirmed instances of \(app)") {
            case .cancelled: throw CancellationError()
            case .abort(let abort): throw abort
            case .instance(let failure):
                throw RunAbort(failure.kind == .transient ? .temporary : .authentication, failure.message)
            }
        }
    }

    // MARK: Outcomes

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

    private func newest(_ current: String?, _ candidate: String?) -> String? {
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
