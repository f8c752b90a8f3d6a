import AltinnAPI
import Foundation
import Logging

extension AppSynchronizer {

    func readEvents(journal: RunJournal, report: inout RunReport) async throws {
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

    func eventsPage(after cursor: EventID) async throws -> EventsPage {
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
    func jobsForPage(_ events: [CloudEvent]) -> ([InstanceJob], [Int?]) {
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
    func checkForReset(
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
    func checkCursorAge(_ cursorTime: AltinnTimestamp?, journal: RunJournal) {
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
}
