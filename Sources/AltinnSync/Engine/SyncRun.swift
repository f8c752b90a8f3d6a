public import AltinnAPI
import CurlHTTP
public import Logging

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// One synchronisation run, from the locks to the summary line: the one type that owns a run.
///
/// It takes the state folder's lock and the archive's, opens the state (cursors and retry ledger), clears
/// what a killed run left in staging, runs every app side by side (``AppSync``) under one request gate, and
/// ends with the run record, the summary line and a ``RunReport`` whose ``RunReport/exitCode`` is the
/// process's. It never throws: every failure ends up in the report. Cancelling the calling task stops the
/// run cleanly (``RunReport/interrupted``).
public struct SyncRun: Sendable {
    /// The configuration.
    public let configuration: SyncConfiguration
    private let endpoints: AltinnEndpoints
    private let gateway: any AltinnGateway
    private let logger: Logger
    private let now: @Sendable () -> Date
    private let monotonicNow: @Sendable () -> ContinuousClock.Instant
    private let progress: RunProgress?

    /// Creates a run over `gateway` (an ``AltinnClient``, or a fake in tests).
    ///
    /// - Parameters:
    ///   - now: the wall clock, for what the run records.
    ///   - monotonicNow: the clock `--max-duration` is measured on.
    ///   - progress: where the run says how far it has come, for a progress line.
    public init(
        configuration: SyncConfiguration, endpoints: AltinnEndpoints, gateway: any AltinnGateway, logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() },
        monotonicNow: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now },
        progress: RunProgress? = nil
    ) {
        self.configuration = configuration
        self.endpoints = endpoints
        self.gateway = gateway
        self.logger = logger
        self.now = now
        self.monotonicNow = monotonicNow
        self.progress = progress
    }

    /// Runs once.
    public func run(options: RunOptions = RunOptions()) async -> RunReport {
        let startedAt = now()
        let started = ContinuousClock.now
        let locks: [RunLock]
        do {
            locks = try takeLocks(dryRun: options.dryRun)
        } catch {
            var report = RunReport()
            report.abort = error
            return report
        }
        let state: RunState
        do {
            state = try RunState(
                store: StateStore(directory: configuration.stateDirectory), policy: configuration.retry,
                dryRun: options.dryRun)
        } catch {
            var report = RunReport()
            report.abort = RunAbort(.localStorage, "\(error)")
            logger.error("\(error)")
            RunSummary.log(report, options: options, duration: ContinuousClock.now - started, logger: logger)
            return report
        }
        let disk = DiskWorkers(threads: min(16, max(4, configuration.concurrency)))
        defer { disk.shutdown() }
        let (appended, journalGrew) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let journal: ArchiveJournal?
        do {
            journal =
                options.dryRun
                ? nil
                : try ArchiveJournal(
                    directory: configuration.layout.journalDirectory, modes: configuration.archiveModes, disk: disk,
                    now: now, appended: configuration.hooks == nil ? nil : journalGrew)
        } catch {
            var report = RunReport()
            report.abort = RunAbort(.localStorage, "the archive journal: \(error)")
            logger.error("cannot open the archive journal", metadata: ["error": "\(error)"])
            RunSummary.log(report, options: options, duration: ContinuousClock.now - started, logger: logger)
            return report
        }
        defer { journal?.close() }
        let context = RunContext(
            configuration: configuration, options: options, endpoints: endpoints, gateway: gateway, state: state,
            archiveJournal: journal, disk: disk, logger: logger, now: now, monotonicNow: monotonicNow,
            progress: progress)
        if !options.dryRun {
            let removed = context.archive.removeLeftoverStaging()
            if removed > 0 {
                logger.notice(
                    "removed unfinished work left by an earlier run", metadata: ["staging.removed": "\(removed)"])
            }
        }

        if let hooks = configuration.hooks, let journal {
            async let delivered: Void = deliverHooks(hooks, journal: journal, appended: appended, context: context)
            await runWork(context)
            journalGrew.finish()
            await delivered
        } else {
            await runWork(context)
        }

        var report = context.currentReport
        RunSummary.summarizeLedger(
            state.ledger, apps: configuration.apps.map(\.description), into: &report, logger: logger)
        let record = SyncState.RunRecord(
            startedAt: startedAt, finishedAt: now(), exitCode: report.exitCode, result: report.result,
            counts: report.counts, error: report.abort?.message)
        do {
            try await disk.run { try state.finish(run: record) }
        } catch {
            report.abort = RunAbort(.localStorage, "\(error)")
        }
        RunSummary.log(report, options: options, duration: ContinuousClock.now - started, logger: logger)
        withExtendedLifetime(locks) {}
        return report
    }

    /// Runs the `onArchived` hook for the journal's entries as they are written, until `appended` finishes.
    /// When a hook is configured for the first time, the instances journaled before it are not handed over.
    private func deliverHooks(
        _ settings: HookSettings, journal: ArchiveJournal, appended: AsyncStream<Void>, context: RunContext
    ) async {
        if context.state.hooks == nil {
            let delivered = journal.nextSequence - 1
            try? await context.save { state in
                try state.updateHooks { $0 = SyncState.HookDelivery(delivered: delivered) }
            }
        }
        let runner = HookRunner(
            settings: settings, context: context, journalDirectory: journal.directory, logger: logger)
        await runner.run(appended: appended)
    }

    /// Runs the run's work: the named instances for `altinn-sync fetch`, otherwise every app.
    private func runWork(_ context: RunContext) async {
        guard !context.options.fetch.isEmpty else { return await runApps(context) }
        do {
            try await FetchPath.run(context.options.fetch, context: context)
        } catch is CancellationError {
            context.updateReport { $0.interrupted = true }
        } catch {
            let abort = error as? RunAbort ?? RunAbort(.localStorage, "\(error)")
            context.updateReport { $0.abort = abort }
            logger.error("run stopped", metadata: ["error": "\(abort.message)"])
        }
    }

    /// Runs every app side by side. An app that cannot be served now is reported and the others go on; a
    /// failure that concerns every app (a token, the disk) stops them all.
    private func runApps(_ context: RunContext) async {
        await withTaskGroup(of: Bool.self) { group in
            for app in configuration.apps {
                group.addTask { await Self.run(app, context) }
            }
            for await stopsTheRun in group where stopsTheRun {
                group.cancelAll()
            }
        }
        if Task.isCancelled {
            context.updateReport { $0.interrupted = true }
            logger.notice("interrupted; stopped cleanly, unfinished work is redone next run")
        }
    }

    /// Runs one app; returns whether its failure stops the whole run.
    private static func run(_ app: AppID, _ context: RunContext) async -> Bool {
        let sync = AppSync(app: app, context: context)
        do {
            try await sync.run()
        } catch let unavailable as AppUnavailable {
            context.updateReport { $0.appFailures[app.description] = unavailable.message }
            sync.logger.error("app skipped until the next run", metadata: ["error": "\(unavailable)"])
        } catch is CancellationError {
            // An interrupt, or another app's abort: said once, by the run.
        } catch {
            let abort = error as? RunAbort ?? RunAbort(.localStorage, "\(error)")
            let first = context.updateReport { report in
                defer { if report.abort == nil { report.abort = abort } }
                return report.abort == nil
            }
            if first { sync.logger.error("run stopped", metadata: ["error": "\(abort.message)"]) }
            return true
        }
        return false
    }

    /// Takes the state folder's lock, then the archive's: two configurations may share an archive with
    /// separate state folders, and each run clears the archive's staging area, which must never happen under
    /// another run's feet. A dry run on folders that do not exist yet creates nothing and takes no lock.
    private func takeLocks(dryRun: Bool) throws(RunAbort) -> [RunLock] {
        let store = StateStore(directory: configuration.stateDirectory)
        let layout = configuration.layout
        var locks: [RunLock] = []
        guard !(dryRun && !FileManager.default.fileExists(atPath: store.directory)) else { return locks }
        do {
            try store.prepare()
            locks.append(try store.lock())
            if !(dryRun && !FileManager.default.fileExists(atPath: layout.root)) {
                try configuration.archiveWriter.prepareRoot()
                locks.append(try RunLock(path: layout.lockPath))
            }
            return locks
        } catch let failure as RunLock.Failure {
            if case .held = failure {
                // Nothing is wrong: another run is doing the work. Said once, and not with --quiet.
                logger.notice("\(failure)")
                throw RunAbort(.locked, "\(failure)")
            }
            logger.error("\(failure)")
            throw RunAbort(.localStorage, "\(failure)")
        } catch {
            logger.error("cannot prepare the state or archive folder", metadata: ["error": "\(error)"])
            throw RunAbort(.localStorage, "cannot prepare the state or archive folder: \(error)")
        }
    }
}
