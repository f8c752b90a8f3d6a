import AltinnAPI
import Logging

/// Instances an operator names (`altinn-sync fetch`), archived again even when Altinn has them confirmed: a
/// consumer that moved or lost a folder gets it back, with a new journal entry and hook, and the instance is
/// confirmed only if it is not yet. A folder still in the archive is left as it is.
struct FetchPath: InstanceSource {
    let context: RunContext
    let logger: Logger
    private var waiting: ArraySlice<InstanceID>
    private var settlement: Settlement?

    init(_ instances: [InstanceID], context: RunContext) {
        self.context = context
        logger = context.logger
        waiting = instances[...]
    }

    /// Archives each named instance of a configured app.
    static func run(_ instances: [InstanceID], context: RunContext) async throws {
        var path = FetchPath(instances, context: context)
        var failure: (any Error)?
        do {
            try await JobScheduler.run(
                &path, processor: InstanceProcessor(context: context), slots: context.instanceSlots)
        } catch {
            failure = error
        }
        _ = path.settlement?.finish()
        try await context.save { try $0.saveLedger() }
        if let failure { throw failure }
    }

    mutating func nextJob() async throws -> InstanceJob? {
        while let instance = waiting.popFirst() {
            let app: AppID
            do {
                app = try await context.pageRequest { try await context.gateway.app(of: instance) }
            } catch let error as AltinnError {
                let end = Verdict.endOfSource(error, doing: "looking up \(instance)")
                if end is RunAbort { throw end }
                logger.error(
                    "cannot fetch the instance", metadata: ["instance.id": "\(instance)", "error": "\(error)"])
                context.updateReport { $0.counts.instancesFailed += 1 }
                continue
            }
            guard context.configuration.apps.contains(app) else {
                logger.error(
                    "the instance belongs to an app that is not configured; not fetched",
                    metadata: ["instance.id": "\(instance)", "app.id": "\(app)"])
                context.updateReport { $0.counts.instancesFailed += 1 }
                continue
            }
            let folder = context.archive.layout.instanceDirectory(app: app, instance: instance)
            if context.archive.isArchived(app: app, instance: instance) {
                logger.notice(
                    "the instance is in the archive already; move its folder away to fetch it again",
                    metadata: ["instance.id": "\(instance)", "instance.folder": "\(folder)"])
                context.updateReport { $0.counts.instancesAlreadyArchived += 1 }
                continue
            }
            if settlement == nil { settlement = Settlement(app: app, context: context, logger: logger) }
            return context.makeJob(app: app, instance: instance, route: .fetch)
        }
        return nil
    }

    mutating func settle(_ finished: FinishedJob) async throws {
        if settlement == nil { settlement = Settlement(app: finished.job.app, context: context, logger: logger) }
        _ = try settlement?.settle(finished)
    }
}
