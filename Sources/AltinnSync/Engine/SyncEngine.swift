public import AltinnAPI
import CurlHTTP
public import Foundation
public import Logging

/// One synchronisation run over every configured app (README, What it guarantees).
///
/// The caller loads the configuration, takes the run lock and authenticates; the engine reads and saves
/// the state folder, processes instances, and returns a ``RunReport`` whose ``RunReport/exitCode`` is the
/// process's. It never throws: every failure ends up in the report.
public struct SyncEngine: Sendable {
    /// The configuration.
    public let configuration: SyncConfiguration
    private let endpoints: AltinnEndpoints
    private let gateway: any AltinnGateway
    private let logger: Logger
    private let now: @Sendable () -> Date

    /// Creates an engine.
    public init(
        configuration: SyncConfiguration, endpoints: AltinnEndpoints, gateway: any AltinnGateway, logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.configuration = configuration
        self.endpoints = endpoints
        self.gateway = gateway
        self.logger = logger
        self.now = now
    }

    /// Runs once. Cancelling the calling task stops the run cleanly (``RunReport/interrupted``).
    public func run(options: RunOptions = RunOptions()) async -> RunReport {
        let startedAt = now()
        let clock = ContinuousClock()
        let started = clock.now
        let maxDuration = options.maxDuration
        let shouldStop: @Sendable () -> Bool = {
            guard let maxDuration else { return false }
            return clock.now - started >= maxDuration
        }
        var report = RunReport()
        let journal: RunJournal
        do {
            journal = try RunJournal(
                store: StateStore(directory: configuration.stateDirectory), policy: configuration.retry,
                dryRun: options.dryRun)
        } catch {
            report.abort = RunAbort(.localStorage, "\(error)")
            logSummary(report, options: options, duration: clock.now - started)
            return report
        }
        let archive = ArchiveWriter(layout: configuration.layout)
        if !options.dryRun {
            let removed = archive.removeLeftoverStaging()
            if removed > 0 {
                logger.notice(
                    "removed unfinished work left by an earlier run", metadata: ["staging.removed": "\(removed)"])
            }
        }
        let processor = InstanceProcessor(
            gateway: gateway, archive: archive, org: configuration.org, source: configuration.downloadFrom,
            confirm: configuration.confirm, waitForPendingScans: configuration.waitForPendingScans,
            dryRun: options.dryRun, logger: logger, now: now)
        let runner = JobRunner(limit: configuration.concurrency, processor: processor)

        for app in configuration.apps {
            guard !shouldStop() else {
                report.stoppedAtDeadline = true
                break
            }
            var appLogger = logger
            appLogger[metadataKey: "app.id"] = "\(app)"
            let synchronizer = AppSynchronizer(
                app: app, configuration: configuration, options: options, endpoints: endpoints, gateway: gateway,
                runner: runner, logger: appLogger, now: now, shouldStop: shouldStop)
            do {
                try await synchronizer.run(journal: journal, report: &report)
            } catch let abort as RunAbort where abort.kind == .temporary && !abort.concernsEveryApp {
                // Altinn trouble with this app; nothing moved for it. The other apps still get their turn.
                report.appFailures[app.description] = abort.message
                appLogger.error("app skipped until the next run", metadata: ["error": "\(abort.message)"])
            } catch let abort as RunAbort {
                report.abort = abort
                if abort.concernsEveryApp {
                    logger.error("run stopped", metadata: ["error": "\(abort.message)"])
                } else {
                    appLogger.error("run stopped", metadata: ["error": "\(abort.message)"])
                }
                break
            } catch is CancellationError {
                report.interrupted = true
                logger.notice("interrupted; stopped cleanly, unfinished work is redone next run")
                break
            } catch {
                report.abort = RunAbort(.localStorage, "\(error)")
                appLogger.error("run stopped", metadata: ["error": "\(error)"])
                break
            }
        }
        summarizeLedger(journal.ledger, into: &report)

        let record = SyncState.RunRecord(
            startedAt: startedAt, finishedAt: now(), exitCode: report.exitCode, result: report.result,
            counts: report.counts, error: report.abort?.message)
        do {
            try journal.finish(run: record)
        } catch {
            report.abort = RunAbort(.localStorage, "\(error)")
        }
        logSummary(report, options: options, duration: clock.now - started)
        return report
    }

    /// Counts the ledger entries of the configured apps, and names those that need a person.
    private func summarizeLedger(_ ledger: RetryLedger, into report: inout RunReport) {
        let apps = Set(configuration.apps.map(\.description))
        let stuck = (ledger.entries(in: .failed) + ledger.entries(in: .quarantined)).filter { apps.contains($0.app) }
        report.stuckLedgerEntries = stuck.count
        report.pendingLedgerEntries = ledger.entries(in: .pending).filter { apps.contains($0.app) }.count
        for entry in stuck {
            logger.error(
                "instance needs attention (altinn-sync retry \(entry.instanceId) after fixing the cause)",
                metadata: [
                    "instance.id": "\(entry.instanceId)", "app.id": "\(entry.app)", "ledger.state": "\(entry.state)",
                    "ledger.attempts": "\(entry.attempts)", "error": "\(entry.lastError)",
                ])
        }
        let orphaned = Set(ledger.entries.values.map(\.app)).subtracting(apps).sorted()
        if !orphaned.isEmpty {
            logger.warning(
                """
                the retry ledger holds instances of apps no longer configured; they are kept, and archived \
                once the app is configured again
                """,
                metadata: ["ledger.apps": "\(orphaned.joined(separator: ", "))"])
        }
    }

    private func logSummary(_ report: RunReport, options: RunOptions, duration: Duration) {
        let counts = report.counts
        let metadata: Logger.Metadata = [
            "run.result": "\(report.result)", "run.exit_code": "\(report.exitCode)",
            "events.seen": "\(counts.eventsSeen)", "instances.archived": "\(counts.instancesArchived)",
            "instances.already_archived": "\(counts.instancesAlreadyArchived)",
            "instances.confirmed": "\(counts.instancesConfirmed)", "instances.failed": "\(counts.instancesFailed)",
            "instances.skipped": "\(counts.instancesSkipped)", "bytes.archived": "\(counts.bytesArchived)",
            "ledger.pending": "\(report.pendingLedgerEntries)", "ledger.stuck": "\(report.stuckLedgerEntries)",
            "run.duration_seconds": "\(String(format: "%.1f", duration.seconds))",
        ]
        var parts = [
            "\(counts.eventsSeen) events",
            "\(counts.instancesArchived) archived (\(ByteCount.format(counts.bytesArchived)))",
        ]
        if counts.instancesAlreadyArchived > 0 { parts.append("\(counts.instancesAlreadyArchived) already archived") }
        parts.append("\(counts.instancesConfirmed) confirmed")
        parts.append("\(counts.instancesFailed) failed")
        if !report.quarantined.isEmpty { parts.append("\(report.quarantined.count) quarantined") }
        if report.pendingLedgerEntries > 0 { parts.append("\(report.pendingLedgerEntries) waiting to be retried") }
        if report.stuckLedgerEntries > 0 { parts.append("\(report.stuckLedgerEntries) needing a person") }
        if options.dryRun { parts.append("\(report.wouldArchive.count) would be archived") }
        let name = (options.dryRun ? "dry run of " : "") + (options.readEvents ? "sync" : "reconcile")
        let text =
            "\(name) \(report.result): " + parts.joined(separator: ", ")
            + ", \(String(format: "%.1f", duration.seconds))s"
        let message: Logger.Message = "\(text)"
        switch report.exitCode {
        case ExitStatus.success: logger.notice(message, metadata: metadata)
        case ExitStatus.partial, ExitStatus.stoppedAtDeadline, ExitStatus.interrupted:
            logger.warning(message, metadata: metadata)
        default: logger.error(message, metadata: metadata)
        }
    }
}

/// Byte counts for people.
enum ByteCount {
    static func format(_ bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f", value) + " " + units[unit]
    }
}
