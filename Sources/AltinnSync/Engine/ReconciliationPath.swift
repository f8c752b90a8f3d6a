import AltinnAPI
import Foundation
import Logging

/// One app's sweep of Storage's instance query for completed instances this org has not confirmed: pages
/// read one ahead, each instance named a job, and an item that names none skipped on its own while the rest
/// of the page goes on.
struct ReconciliationPath: InstanceSource {
    let app: AppID
    let context: RunContext
    let logger: Logger
    private var pages = PageReadAhead<InstancesPage>()
    private var items: ArraySlice<PageItem<InstanceSummary>> = []
    private var firstPageRead = false
    private var readToTheEnd = false
    private var found = 0
    /// Items the query returned that name no instance: the sweep did not see everything.
    private var unnamed = 0
    private var settlement: Settlement

    /// Sweeps the query (bounded by the run's `--changed-from`/`--changed-before`, if given) and archives every
    /// instance it finds. Throws ``RunAbort`` and ``AppUnavailable``; a query that answers what cannot be read
    /// is reported, and the sweep stays due.
    static func run(app: AppID, context: RunContext, processor: InstanceProcessor, logger: Logger) async throws {
        logger.info("reconciling with the Storage instance query")
        var path = ReconciliationPath(app: app, context: context, logger: logger)
        var failure: (any Error)?
        do {
            try await JobScheduler.run(&path, processor: processor, slots: context.instanceSlots)
        } catch {
            failure = error
        }
        path.pages.cancel()
        _ = path.settlement.finish()
        do {
            try await context.save { try $0.saveLedger() }
        } catch {
            if failure == nil { failure = error }
        }
        if let failure {
            try path.conclude(failure)
        } else if path.readToTheEnd {
            try await path.recordSweep()
        }
    }

    private init(app: AppID, context: RunContext, logger: Logger) {
        self.app = app
        self.context = context
        self.logger = logger
        settlement = Settlement(app: app, context: context, logger: logger)
    }

    mutating func nextJob() async throws -> InstanceJob? {
        while true {
            guard !context.deadlinePassed else {
                context.updateReport { $0.stoppedAtDeadline = true }
                return nil
            }
            if items.isEmpty {
                let next: InstancesPage?
                do {
                    next = try await nextPage()
                } catch {
                    throw Verdict.endOfSource(error, doing: "querying unconfirmed instances of \(app)")
                }
                guard let page = next else {
                    readToTheEnd = true
                    return nil
                }
                items = page.items[...]
                continue
            }
            if let job = admit(items.removeFirst()) { return job }
        }
    }

    mutating func settle(_ finished: FinishedJob) async throws {
        _ = try settlement.settle(finished)
    }

    /// The lower bound of the sweep: the one asked for, and never before where the app's first run started.
    static func changedFrom(_ asked: AltinnTimestamp?, startAt: Date?) -> AltinnTimestamp? {
        guard let startAt else { return asked }
        let start = AltinnTimestamp(startAt)
        guard let asked else { return start }
        return asked.date > startAt ? asked : start
    }

    /// The next page, read ahead of need; nil after the last.
    private mutating func nextPage() async throws -> InstancesPage? {
        if !firstPageRead {
            firstPageRead = true
            let (app, context, options) = (app, context, context.options)
            let changedFrom = Self.changedFrom(
                options.reconcileChangedFrom, startAt: context.state.appState(app).startAt)
            pages.start {
                try await context.pageRequest {
                    try await context.gateway.unconfirmedInstances(
                        app: app, size: context.configuration.reconcile.pageSize, changedFrom: changedFrom,
                        changedBefore: options.reconcileChangedBefore)
                }
            }
        }
        guard let result = await pages.take() else { return nil }
        let page = try result.get()
        if let next = page.next, !context.deadlinePassed {
            let context = context
            pages.start { try await context.pageRequest { try await context.gateway.unconfirmedInstances(next: next) } }
        } else if page.next != nil {
            context.updateReport { $0.stoppedAtDeadline = true }
        }
        return page
    }

    /// A job for the instance `item` names, unless it waits in the retry ledger (retried on its schedule, or by
    /// hand). An item that names no usable instance is skipped and said, and the sweep stays due.
    private mutating func admit(_ item: PageItem<InstanceSummary>) -> InstanceJob? {
        let text: String?
        let problem: String
        switch item {
        case .valid(let summary):
            (text, problem) = (summary.id, "its id is not {partyId}/{instanceGuid}")
        case .invalid(let id, let reason):
            (text, problem) = (id, reason)
        }
        guard let text, let id = try? InstanceID(text) else {
            logger.error(
                """
                the instance query returned an item that names no usable instance; skipped, and the next run \
                sweeps again
                """,
                metadata: ["instance.id": "\(text ?? "")", "error": "\(problem)"])
            context.updateReport { $0.counts.instancesSkipped += 1 }
            unnamed += 1
            return nil
        }
        found += 1
        guard !context.state.ledger.contains(id.description) else { return nil }
        // An item that does not decode but names its instance is archived from the instance's own document,
        // which is fetched and checked in full either way.
        return context.makeJob(app: app, instance: id, route: .reconciliation)
    }

    /// Records a sweep read to its end; a sweep bounded by dates changes no schedule, since it does not cover
    /// what an unbounded one would, and one that met items naming no instance stays due for the next run.
    private func recordSweep() async throws {
        logger.info("reconciliation finished", metadata: ["reconcile.found": "\(found)"])
        let options = context.options
        guard options.reconcileChangedFrom == nil, options.reconcileChangedBefore == nil else { return }
        let (found, now, complete) = (found, context.now(), unnamed == 0)
        context.state.updateAppState(app) { state in
            state.lastReconciliation = now
            state.lastReconciliationFound = found
            state.reconciliationRequested = complete ? nil : true
        }
        try await context.save { try $0.save() }
    }

    /// Ends the sweep on `error`: a query that answers what cannot be read is reported (the sweep stays due),
    /// anything else rethrown.
    private func conclude(_ error: any Error) throws {
        guard let unreadable = error as? SourceUnreadable else { throw error }
        let remedy = Verdict.remedy(.query, unreadable.failure).map { "; \($0)" } ?? ""
        let message = "querying unconfirmed instances of \(app): \(unreadable)\(remedy)"
        logger.error("\(message)")
        context.updateReport { $0.blockedSources[app.description] = message }
    }
}
