import AltinnAPI
import Foundation
import Logging

/// One app's part of a run: its due retries, then its events feed from the cursor, then reconciliation when
/// due. Throws ``RunAbort`` (the run stops), ``AppUnavailable`` (this app stops; the others go on) or
/// `CancellationError`.
struct AppSync {
    /// How long the feed may go unread before events after the cursor may have expired unseen: Altinn's
    /// 90-day retention less a margin.
    static let unreadFeedLimit: TimeInterval = 80 * 86400

    let app: AppID
    let context: RunContext
    let processor: InstanceProcessor
    let logger: Logger

    init(app: AppID, context: RunContext) {
        self.app = app
        self.context = context
        processor = InstanceProcessor(context: context)
        var logger = context.logger
        logger[metadataKey: "app.id"] = "\(app)"
        self.logger = logger
    }

    func run() async throws {
        recordStart()
        try await retryDue()
        if context.options.readEvents {
            guard !stopsAtDeadline() else { return }
            checkFeedAge()
            try await EventsPath.run(app: app, context: context, processor: processor, logger: logger)
        }
        if reconciliationIsDue() {
            guard !stopsAtDeadline() else { return }
            try await ReconciliationPath.run(app: app, context: context, processor: processor, logger: logger)
        }
    }

    /// Whether the deadline passed (said in the report, since work is left).
    private func stopsAtDeadline() -> Bool {
        guard context.deadlinePassed else { return false }
        context.updateReport { $0.stoppedAtDeadline = true }
        return true
    }

    /// A first run of the app (no cursor yet) that starts elsewhere than at the beginning records where, once;
    /// later runs keep to it.
    private func recordStart() {
        let state = context.state.appState(app)
        let requested = context.options.startAt ?? context.configuration.startAt
        guard state.cursor == nil, state.startAt == nil else {
            if let given = context.options.startAt, given != .beginning, state.startAt == nil {
                logger.notice("--start-at \(given) applies to a first run only; this app's cursor is kept")
            }
            return
        }
        guard let date = requested.date(now: context.now()) else { return }
        context.state.updateAppState(app) { $0.startAt = date }
        logger.notice(
            """
            first run: starting at \(ISOTime.string(date)) (startAt \(requested)); earlier events are skipped and \
            reconciliation leaves instances last changed before it alone
            """)
    }

    // MARK: Retry ledger

    private func retryDue() async throws {
        let due = context.state.ledger.due(app: app.description, now: context.now())
        guard !due.isEmpty else { return }
        logger.info("retrying instances from the retry ledger", metadata: ["ledger.due": "\(due.count)"])
        var path = RetryPath(
            jobs: due.compactMap { entry in
                guard let id = try? InstanceID(entry.instanceId) else { return nil }
                return context.makeJob(app: app, instance: id, route: .retry, earlierEventIds: entry.eventIds)
            }[...],
            context: context, settlement: Settlement(app: app, context: context, logger: logger))
        var failure: (any Error)?
        do {
            try await JobScheduler.run(&path, processor: processor, slots: context.instanceSlots)
        } catch {
            failure = error
        }
        _ = path.settlement.finish()
        try await context.save { try $0.saveLedger() }
        if let failure { throw failure }
    }

    // MARK: Reconciliation schedule

    private func reconciliationIsDue() -> Bool {
        switch context.options.reconcile {
        case .never: return false
        case .always: return true
        case .whenDue:
            guard context.configuration.reconcile.enabled else { return false }
            let state = context.state.appState(app)
            if state.reconciliationRequested == true || state.feedBlocked != nil { return true }
            guard let last = state.lastReconciliation else { return true }
            return context.now().timeIntervalSince(last) >= context.configuration.reconcile.interval.seconds
        }
    }

    /// Altinn deletes events after 90 days. When the feed has not been read for nearly that long, events after
    /// the cursor may have expired unseen (and the cursor's own event with them, which makes Altinn restart the
    /// feed from its oldest event without a word). Only a sweep of the instance query finds their instances.
    private func checkFeedAge() {
        let state = context.state.appState(app)
        guard state.cursor != nil, let lastRead = state.feedCaughtUpAt ?? state.cursorUpdatedAt else { return }
        let age = context.now().timeIntervalSince(lastRead)
        guard age > Self.unreadFeedLimit, state.reconciliationRequested != true else { return }
        logger.warning(
            """
            the events feed was last read \(Int(age / 86400)) days ago; Altinn keeps events for 90 days, so some \
            may have expired unseen; \(Self.sweepPromise(context))
            """,
            metadata: ["feed.last_read": "\(ISOTime.string(lastRead))"])
        context.state.updateAppState(app) { $0.reconciliationRequested = true }
    }

    /// What happens next about a possible gap in the feed.
    static func sweepPromise(_ context: RunContext) -> String {
        context.configuration.reconcile.enabled
            ? "a reconciliation sweep will run"
            : "run altinn-sync reconcile (reconciliation is disabled in the configuration)"
    }
}

/// Instances due in the retry ledger, tried again.
private struct RetryPath: InstanceSource {
    var jobs: ArraySlice<InstanceJob>
    let context: RunContext
    var settlement: Settlement

    mutating func nextJob() async throws -> InstanceJob? {
        guard let job = jobs.first else { return nil }
        guard !context.deadlinePassed else {
            context.updateReport { $0.stoppedAtDeadline = true }
            return nil
        }
        jobs.removeFirst()
        return job
    }

    mutating func settle(_ finished: FinishedJob) async throws {
        _ = try settlement.settle(finished)
    }
}
