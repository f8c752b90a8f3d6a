import AltinnAPI
import Foundation
import Logging

/// One app's sweep of Storage's instance query for completed instances this org has not confirmed: pages
/// read one ahead, each instance a job, and a document on a page that does not decode recorded on its own
/// (retry ledger) while the rest of the page goes on.
struct ReconciliationPath: InstanceSource {
    let app: AppID
    let context: RunContext
    let logger: Logger
    private var pages = PageReadAhead<InstancesPage>()
    private var items: ArraySlice<PageItem<Instance>> = []
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

    /// The next page, read ahead of need; nil after the last.
    private mutating func nextPage() async throws -> InstancesPage? {
        if !firstPageRead {
            firstPageRead = true
            let (app, context, options) = (app, context, context.options)
            pages.start {
                try await context.pageRequest {
                    try await context.gateway.unconfirmedInstances(
                        app: app, size: context.configuration.reconcile.pageSize,
                        changedFrom: options.reconcileChangedFrom, changedBefore: options.reconcileChangedBefore)
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
    /// hand) or does not decode (recorded in the ledger with the reason, when its id can be read).
    private mutating func admit(_ item: PageItem<Instance>) -> InstanceJob? {
        switch item {
        case .valid(let instance):
            guard let id = try? instance.instanceID else {
                logger.warning(
                    "the instance query returned an instance with an unusable id; skipped",
                    metadata: ["instance.id": "\(instance.id)"])
                return nil
            }
            found += 1
            guard !context.journal.ledger.contains(id.description) else { return nil }
            return context.makeJob(app: app, instance: id, route: .reconciliation)
        case .invalid(let text, let reason):
            guard let text, let id = try? InstanceID(text) else {
                logger.error(
                    """
                    the instance query returned a document that does not decode and names no usable instance id; \
                    skipped, and the next run sweeps again
                    """,
                    metadata: ["error": "\(reason)"])
                context.updateReport { $0.counts.instancesSkipped += 1 }
                unnamed += 1
                return nil
            }
            found += 1
            guard !context.journal.ledger.contains(id.description) else { return nil }
            let job = context.makeJob(app: app, instance: id, route: .reconciliation)
            let outcome = InstanceOutcome.failed(
                InstanceFailure("the instance query returned a document that does not decode: \(reason)"))
            context.updateReport { $0.record(outcome, instance: id.description) }
            context.journal.record(outcome, job: job, now: context.now())
            logger.warning(
                "instance failed; it is in the retry ledger",
                metadata: ["instance.id": "\(id)", "error": "document does not decode: \(reason)"])
            return nil
        }
    }

    /// Records a sweep read to its end; a sweep bounded by dates changes no schedule, since it does not cover
    /// what an unbounded one would, and one that met items naming no instance stays due for the next run.
    private func recordSweep() async throws {
        logger.info("reconciliation finished", metadata: ["reconcile.found": "\(found)"])
        let options = context.options
        guard options.reconcileChangedFrom == nil, options.reconcileChangedBefore == nil else { return }
        let (found, now, complete) = (found, context.now(), unnamed == 0)
        context.journal.updateAppState(app) { state in
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
