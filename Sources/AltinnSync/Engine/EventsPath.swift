import AltinnAPI
import Logging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One app's events feed, read from its cursor: page -> jobs -> schedule -> cursor.
///
/// Pages come from ``EventFeed``, one page read ahead. Each page becomes jobs, one per instance it names with
/// all its events on the page, while an event whose instance has a job running from an earlier page waits for
/// that job (``nextJob()``). ``JobScheduler`` runs the jobs side by side. As they settle, the cursor passes the
/// longest prefix of events whose jobs are done or in the retry ledger, and is saved about once a page
/// (``settle(_:)``).
struct EventsPath: InstanceSource {
    /// How far back in time a page may start before the cursor's own event, before it counts as a reset:
    /// Altinn's `time` is not monotonic in feed order, but it is close.
    static let resetTolerance: TimeInterval = 15 * 60

    let app: AppID
    let context: RunContext
    let logger: Logger
    private var feed: EventFeed
    private var cursor: EventCursor
    private var settlement: Settlement
    /// The jobs of the current page not yet handed out.
    private var jobs: ArraySlice<InstanceJob> = []
    /// The job running for each instance, by number, so that more events of the instance join it.
    private var running: [InstanceID: Int] = [:]
    private var passedSinceSave = 0
    private var unsaved: CursorPosition?
    private var firstPageSeen = false
    private var caughtUp = false
    /// Where the app's first run started, when not at the beginning: earlier events are passed without a job.
    private let startAt: Date?

    /// Reads `app`'s feed from its saved cursor to the end (or to the deadline), archiving every instance it
    /// names. Throws ``RunAbort`` and ``AppUnavailable``; a feed that cannot be read is recorded as blocked
    /// (see ``SyncState/FeedBlock``), and the app's other work goes on.
    static func run(app: AppID, context: RunContext, processor: InstanceProcessor, logger: Logger) async throws {
        var path = EventsPath(app: app, context: context, logger: logger)
        var failure: (any Error)?
        do {
            try await JobScheduler.run(&path, processor: processor, slots: context.instanceSlots)
        } catch {
            failure = error
        }
        path.feed.cancel()
        path.pass(path.settlement.finish())
        do {
            try await path.saveCursor()
        } catch {
            if failure == nil { failure = error }
        }
        if let failure {
            try path.conclude(failure)
        } else if path.caughtUp {
            logger.debug("events feed caught up", metadata: ["cursor.after": "\(path.cursor.position?.id ?? "0")"])
            context.state.updateAppState(app) { state in
                state.feedCaughtUpAt = context.now()
                state.feedBlocked = nil
            }
        }
    }

    private init(app: AppID, context: RunContext, logger: Logger) {
        self.app = app
        self.context = context
        self.logger = logger
        let state = context.state.appState(app)
        var start: CursorPosition?
        if let text = state.cursor {
            if (try? EventID(text)) != nil {
                start = CursorPosition(id: text, time: state.cursorEventTime)
            } else {
                logger.warning(
                    "the saved cursor is unusable; reading the feed from the start (nothing is downloaded twice)",
                    metadata: ["cursor.after": "\(text)"])
            }
        }
        cursor = EventCursor(after: start)
        startAt = state.startAt
        let after = start.flatMap { try? EventID($0.id) } ?? .start
        // Events compares `from` as text, so a minute early, and the events before the start are passed here.
        let from = start == nil ? state.startAt.map { AltinnTimestamp($0.addingTimeInterval(-60)) } : nil
        feed = EventFeed(app: app, after: after, from: from, context: context, logger: logger)
        settlement = Settlement(app: app, context: context, logger: logger)
    }

    // MARK: Page -> jobs

    mutating func nextJob() async throws -> InstanceJob? {
        while true {
            guard !context.deadlinePassed else {
                context.updateReport { $0.stoppedAtDeadline = true }
                return nil
            }
            if let job = jobs.popFirst() { return job }
            let next: EventsPage?
            do {
                next = try await feed.next()
            } catch {
                throw Verdict.endOfSource(error, doing: "reading the events of \(app)")
            }
            guard let page = next else {
                caughtUp = true
                return nil
            }
            if !firstPageSeen {
                firstPageSeen = true
                checkForReset(page)
                context.state.updateAppState(app) { $0.feedBlocked = nil }
            }
            context.updateReport { $0.counts.eventsSeen += page.items.count }
            jobs = jobs(for: page)[...]
        }
    }

    /// The jobs of a page: one per instance it names and that has no job running yet, with all the page's
    /// events of that instance. Every event goes to the cursor, waiting for its instance's job, if it has one.
    private mutating func jobs(for page: EventsPage) -> [InstanceJob] {
        var jobs: [InstanceJob] = []
        var indexOnPage: [InstanceID: Int] = [:]
        for item in page.items {
            guard let id = EventFeed.cursorID(of: item)?.description else { continue }
            guard case .valid(let event) = item else {
                // Reconciliation finds the instance behind it, if there is one.
                logger.warning(
                    "skipping an event that does not decode; a reconciliation sweep will look for its instance",
                    metadata: ["event.id": "\(id)", "error": "\(Self.reason(item))"])
                context.state.updateAppState(app) { $0.reconciliationRequested = true }
                cursor.append(CursorPosition(id: id, time: nil), waitingFor: nil)
                continue
            }
            let position = CursorPosition(id: id, time: event.time?.text)
            if let startAt, let time = event.time?.date, time < startAt {
                cursor.append(position, waitingFor: nil)
                continue
            }
            // An instance a person acknowledged as handled stays in the ledger, so the cursor may pass it.
            guard let instance = instance(of: event), !context.state.isAcknowledged(instance) else {
                cursor.append(position, waitingFor: nil)
                continue
            }
            if let index = indexOnPage[instance] {
                jobs[index].events.append(event)
                cursor.append(position, waitingFor: jobs[index].number)
            } else if let number = running[instance] {
                cursor.append(position, waitingFor: number)
            } else {
                let job = context.makeJob(app: app, instance: instance, route: .events, events: [event])
                indexOnPage[instance] = jobs.count
                jobs.append(job)
                running[instance] = job.number
                cursor.append(position, waitingFor: job.number)
            }
        }
        return jobs
    }

    /// The instance `event` names, or nil (said in the log) when it names none of this app.
    private func instance(of event: CloudEvent) -> InstanceID? {
        let reference: EventInstanceReference
        do {
            reference = try context.endpoints.instanceReference(for: event, app: app)
        } catch {
            logger.warning(
                "ignoring an event that names no instance of this app",
                metadata: ["event.id": "\(event.id)", "event.type": "\(event.type)", "error": "\(error)"])
            return nil
        }
        if let host = reference.unexpectedSourceHost {
            logger.warning(
                "event source names another host; it is ignored, requests go to the configured hosts only",
                metadata: ["event.id": "\(event.id)", "event.source_host": "\(host)"])
        }
        return reference.instanceID
    }

    private static func reason(_ item: PageItem<CloudEvent>) -> String {
        if case .invalid(_, let reason) = item { reason } else { "" }
    }

    // MARK: Settle -> cursor

    mutating func settle(_ finished: FinishedJob) async throws {
        if running[finished.job.instance] == finished.job.number { running[finished.job.instance] = nil }
        try pass(settlement.settle(finished))
        if passedSinceSave >= context.configuration.eventPageSize { try await saveCursor() }
    }

    /// Marks `settled` jobs in the cursor and passes what it can.
    private mutating func pass(_ settled: [InstanceJob]) {
        for job in settled { cursor.settle(job.number) }
        let before = cursor.unpassedCount
        if let moved = cursor.advance() {
            unsaved = moved
            passedSinceSave += before - cursor.unpassedCount
        }
    }

    /// Saves the cursor if it moved since the last save (the ledger first).
    private mutating func saveCursor() async throws {
        guard let position = unsaved, !context.options.dryRun else { return }
        let (app, now) = (app, context.now())
        try await context.save { try $0.moveCursor(app, to: position, now: now) }
        unsaved = nil
        passedSinceSave = 0
        logger.debug("cursor saved", metadata: ["cursor.after": "\(position.id)"])
    }

    // MARK: Ending

    /// Ends the path on `error`: a feed that cannot be read is recorded as blocked, anything else rethrown.
    private func conclude(_ error: any Error) throws {
        guard let unreadable = error as? SourceUnreadable else { throw error }
        let remedy = Verdict.remedy(.feed, unreadable.failure).map { "; \($0)" } ?? ""
        let message = "the events feed of \(app) is blocked: \(unreadable)\(remedy)"
        logger.error("\(message)")
        let (position, now) = (cursor.position?.id, context.now())
        context.state.updateAppState(app) { state in
            if state.feedBlocked == nil || state.feedBlocked?.after != position {
                state.feedBlocked = SyncState.FeedBlock(since: now, after: position, reason: unreadable.reason)
            }
        }
        context.updateReport { $0.blockedSources[app.description] = message }
    }

    /// Events well before the cursor's own event mean Altinn restarted the feed (an unknown or purged cursor
    /// reads from the oldest event). Processing is idempotent, so replays do no harm, but the gap a reset may
    /// hide is closed by a reconciliation sweep.
    private func checkForReset(_ page: EventsPage) {
        guard let saved = cursor.position, let cursorTime = saved.time.flatMap({ try? AltinnTimestamp($0) }),
            let first = page.items.first?.value?.time,
            first.date.timeIntervalSince(cursorTime.date) < -Self.resetTolerance
        else { return }
        logger.warning(
            """
            events older than the cursor reappeared: Altinn restarted the feed (the cursor's event was purged or is \
            unknown); archived instances are not downloaded again; \(AppSync.sweepPromise(context))
            """,
            metadata: ["cursor.after": "\(saved.id)", "cursor.time": "\(cursorTime.text)"])
        context.state.updateAppState(app) { $0.reconciliationRequested = true }
    }
}
