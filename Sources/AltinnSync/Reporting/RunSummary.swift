import CurlHTTP
import Logging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The end of a run in the log: the ledger entries that need a person, and one summary line whose level
/// follows the exit code.
enum RunSummary {
    /// Counts the ledger entries of the configured apps into `report`, and names those that need a person.
    static func summarizeLedger(
        _ ledger: RetryLedger, apps configured: [String], into report: inout RunReport, logger: Logger
    ) {
        let apps = Set(configured)
        let stuck = (ledger.entries(in: .failed) + ledger.entries(in: .quarantined)).filter { apps.contains($0.app) }
        report.stuckLedgerEntries = stuck.count
        report.pendingLedgerEntries = ledger.entries(in: .pending).filter { apps.contains($0.app) }.count
        for entry in stuck {
            let remedy =
                entry.state == .quarantined
                ? "no retry fixes its content: handle the submission, then altinn-sync acknowledge \(entry.instanceId)"
                : "altinn-sync retry \(entry.instanceId) after fixing the cause"
            logger.error(
                "instance needs attention (\(remedy))",
                metadata: [
                    "instance.id": "\(entry.instanceId)", "app.id": "\(entry.app)", "ledger.state": "\(entry.state)",
                    "ledger.attempts": "\(entry.attempts)", "error": "\(entry.lastError)",
                ])
        }
        let orphaned = Set(ledger.entries.values.filter { $0.state != .acknowledged }.map(\.app))
            .subtracting(apps).sorted()
        if !orphaned.isEmpty {
            logger.warning(
                """
                the retry ledger holds instances of apps no longer configured; they are kept, and archived \
                once the app is configured again
                """,
                metadata: ["ledger.apps": "\(orphaned.joined(separator: ", "))"])
        }
    }

    /// Logs the one summary line.
    static func log(_ report: RunReport, options: RunOptions, duration: Duration, logger: Logger) {
        let counts = report.counts
        let metadata: Logger.Metadata = [
            "run.result": "\(report.result)", "run.exit_code": "\(report.exitCode)",
            "events.seen": "\(counts.eventsSeen)", "instances.archived": "\(counts.instancesArchived)",
            "instances.already_archived": "\(counts.instancesAlreadyArchived)",
            "instances.confirmed": "\(counts.instancesConfirmed)", "instances.failed": "\(counts.instancesFailed)",
            "instances.skipped": "\(counts.instancesSkipped)", "bytes.archived": "\(counts.bytesArchived)",
            "ledger.pending": "\(report.pendingLedgerEntries)", "ledger.stuck": "\(report.stuckLedgerEntries)",
            "run.duration_seconds": "\(duration.seconds.decimalText(digits: 1))",
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
        if !report.blockedSources.isEmpty {
            parts.append("\(report.blockedSources.count) app(s) with a blocked source")
        }
        if options.dryRun { parts.append("\(report.wouldArchive.count) would be archived") }
        let command = !options.fetch.isEmpty ? "fetch" : options.readEvents ? "sync" : "reconcile"
        let name = (options.dryRun ? "dry run of " : "") + command
        let text =
            "\(name) \(report.result): " + parts.joined(separator: ", ")
            + ", \(duration.seconds.decimalText(digits: 1))s"
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
        return unit == 0 ? "\(bytes) B" : value.decimalText(digits: 1) + " " + units[unit]
    }
}
