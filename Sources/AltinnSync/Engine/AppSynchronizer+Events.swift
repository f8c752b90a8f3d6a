import AltinnAPI
import Foundation
import Logging

/// Reading the events feed from the cursor.
extension AppSynchronizer {
    /// How far back in time a page may start before the cursor's own event, before it counts as a reset:
    /// Altinn's `time` is not monotonic in feed order, but it is close.
    static let resetTolerance: TimeInterval = 15 * 60

    /// How long the feed may go unread before events after the cursor may have expired unseen: Altinn's
    /// 90-day retention less a margin.
    static let unreadFeedLimit: TimeInterval = 80 * 86400

    func readEvents(journal: RunJournal, report: inout RunReport) async throws {
        var cursor = savedCursor(journal)
        var cursorTime = journal.appState(app).cursorEventTime.flatMap { try? AltinnTimestamp($0) }
        checkFeedAge(journal)
        var cursorChecked = false
        while !shouldStop() {
            let page = try await eventsPage(after: cursor)
            guard let last = page.events.last else {
                logger.debug("events feed caught up", metadata: ["cursor.after": "\(cursor)"])
                journal.updateAppState(app) { $0.feedCaughtUpAt = now() }
                return
            }
            report.counts.eventsSeen += page.events.count
            if !cursorChecked {
                cursorChecked = true
                checkForReset(page: page.events, cursor: cursor, cursorTime: cursorTime, journal: journal)
            }
            let (jobs, eventJobs) = jobsForPage(page.events)
            let outcomes = try await process(jobs, journal: journal, report: &report)

            // The cursor may pass every event whose instance is done or in the ledger: the longest prefix
            // of the page whose jobs all ran.
            var passable: CloudEvent?
            for (event, jobIndex) in zip(page.events, eventJobs) {
                if let jobIndex, outcomes[jobIndex] == nil { break }
                passable = event
            }
            guard let passable else {
                report.stoppedAtDeadline = true
                return
            }
            if !options.dryRun { try journal.moveCursor(app, to: passable, now: now()) }
            cursor = try passable.eventID
            cursorTime = passable.time
            logger.debug(
                "events page done", metadata: ["events.count": "\(page.events.count)", "cursor.after": "\(cursor)"])
            if passable.id != last.id {
                report.stoppedAtDeadline = true
                return
            }
        }
        report.stoppedAtDeadline = true
    }

    /// The saved cursor, or the start of the feed when there is none (or it is unusable, which is said).
    private func savedCursor(_ journal: RunJournal) -> EventID {
        guard let text = journal.appState(app).cursor else { return .start }
        guard let cursor = try? EventID(text) else {
            logger.warning(
                "the saved cursor is unusable; reading the feed from the start (nothing is downloaded twice)",
                metadata: ["cursor.after": "\(text)"])
            return .start
        }
        return cursor
    }

    private func eventsPage(after cursor: EventID) async throws -> EventsPage {
        do {
            return try await gateway.eventsPage(
                app: app, after: cursor, types: configuration.eventTypes, size: configuration.eventPageSize)
        } catch {
            throw feedFailure(error, doing: "reading the events of \(app)")
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
    /// cursor reads from the oldest event). Processing is idempotent, so replays do no harm, but the gap
    /// a reset may hide is closed by a reconciliation sweep.
    private func checkForReset(page: [CloudEvent], cursor: EventID, cursorTime: AltinnTimestamp?, journal: RunJournal) {
        guard cursor != EventID.start, let cursorDate = cursorTime?.date, let first = page.first?.time?.date,
            first.timeIntervalSince(cursorDate) < -Self.resetTolerance
        else { return }
        logger.warning(
            """
            events older than the cursor reappeared: Altinn restarted the feed (the cursor's event was purged or is \
            unknown); archived instances are not downloaded again; \(sweepPromise)
            """,
            metadata: ["cursor.after": "\(cursor)", "cursor.time": "\(cursorTime?.text ?? "")"])
        journal.updateAppState(app) { $0.reconciliationRequested = true }
    }

    /// Altinn deletes events after 90 days. When the feed has not been read for nearly that long, events
    /// after the cursor may have expired unseen (and the cursor's own event with them, which makes Altinn
    /// restart the feed from its oldest event without a word). Only a sweep of the instance query finds
    /// their instances.
    private func checkFeedAge(_ journal: RunJournal) {
        let state = journal.appState(app)
        guard state.cursor != nil, let lastRead = state.feedCaughtUpAt ?? state.cursorUpdatedAt else { return }
        let age = now().timeIntervalSince(lastRead)
        guard age > Self.unreadFeedLimit, state.reconciliationRequested != true else { return }
        logger.warning(
            """
            the events feed was last read \(Int(age / 86400)) days ago; Altinn keeps events for 90 days, so some \
            may have expired unseen; \(sweepPromise)
            """,
            metadata: ["feed.last_read": "\(ISOTime.string(lastRead))"])
        journal.updateAppState(app) { $0.reconciliationRequested = true }
    }

    /// What happens next about a possible gap in the feed.
    private var sweepPromise: String {
        configuration.reconcile.enabled
            ? "a reconciliation sweep will run"
            : "run altinn-sync reconcile (reconciliation is disabled in the configuration)"
    }
}
