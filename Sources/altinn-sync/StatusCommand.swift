import AltinnSync
import ArgumentParser

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `altinn-sync status`: what the state folder says, for people and for monitoring.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show cursors, last runs and the retry ledger; the exit code is the health.",
        discussion: """
            Reads the state folder only (no network, no lock); run it as the service user, or one that may read \
            the state folder. The first line is the health and why, as monitoring plugins print it (OK: ..., \
            WARNING: ..., CRITICAL: ..., UNKNOWN: ...); the details follow. Exit codes follow the monitoring plugin \
            convention: 0 OK, 1 WARNING (never ran, last run not clean), 2 CRITICAL (no run got through every app \
            within --stale-after, or ever, or instances that failed too often or are quarantined; acknowledged \
            ones do not count), 3 UNKNOWN (the configuration or the state cannot be read).
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    @Option(name: .long, help: "How old the last successful run may be before the health is CRITICAL.")
    var staleAfter: DurationArgument = DurationArgument(.seconds(86400))

    /// The monitoring convention's UNKNOWN: the health could not be determined.
    static let unknown: Int32 = 3

    func run() throws {
        _ = global.makeLogger()
        let report: StatusReport
        do {
            let configuration = try ConfigurationLoader.load(path: global.configurationPath)
            report = try StatusReport(configuration: configuration, staleAfter: staleAfter.duration)
        } catch {
            // One line on stdout, where a monitoring system reads it.
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                let data = (try? encoder.encode(UnknownHealth(problems: ["\(error)"]))) ?? Data()
                print(String(decoding: data, as: UTF8.self))
            } else {
                print("UNKNOWN: \(error)")
            }
            throw ExitCode(Self.unknown)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(StatusText.render(report))
        }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}

/// `status --json` when the health cannot be determined.
private struct UnknownHealth: Encodable {
    var health = "UNKNOWN"
    var problems: [String]
}

/// The text form of ``StatusReport``.
enum StatusText {
    static func render(_ report: StatusReport) -> String {
        // The health first, as monitoring plugins print it: a check shows the first line as its status text.
        var lines: [String] = [report.summary, ""]
        lines.append("config:  \(report.configFile)")
        lines.append("archive: \(report.archiveDir)")
        lines.append("state:   \(report.stateDir)")
        lines.append("")
        lines.append("last run:            \(describe(report.lastRun))")
        lines.append("last successful run: \(describe(report.lastSuccessfulRun))")
        for app in report.apps {
            lines.append("")
            lines.append("app \(app.app)")
            if let cursor = app.cursor {
                lines.append(
                    "  cursor:         \(cursor) (event time \(app.cursorEventTime ?? "unknown"), moved \(date(app.cursorUpdatedAt)))"
                )
            } else if let start = report.startAt {
                lines.append("  cursor:         none yet (the first run starts at \(start))")
            } else {
                lines.append("  cursor:         none yet (the feed is read from the start)")
            }
            if let start = app.startAt {
                lines.append("  started at:     \(date(start)) (earlier events and instances are left alone)")
            }
            if let last = app.lastReconciliation {
                lines.append("  reconciliation: \(date(last)) (found \(app.lastReconciliationFound ?? 0) unconfirmed)")
            } else {
                lines.append("  reconciliation: never")
            }
        }
        if let hooks = report.hooks {
            lines.append("")
            lines.append(
                "onArchived hook: \(report.hookBacklog) waiting, \(report.hookFailures.count) failed (\(hooks))")
        }
        lines.append("")
        lines.append(
            "retry ledger: \(report.pending.count) pending, \(report.failed.count) failed, "
                + "\(report.quarantined.count) quarantined, \(report.acknowledged.count) acknowledged")
        for entry in report.pending + report.failed + report.quarantined {
            lines.append(
                "  \(entry.state.rawValue) \(entry.app) \(entry.instanceId): \(entry.attempts) attempt(s), "
                    + (entry.state == .pending ? "next \(date(entry.nextAttemptAt)), " : "")
                    + "last error: \(entry.lastError)")
        }
        for entry in report.acknowledged {
            lines.append(
                "  acknowledged \(entry.app) \(entry.instanceId) at \(date(entry.acknowledgedAt))"
                    + (entry.acknowledgementNote.map { " (\($0))" } ?? "") + "; last error: \(entry.lastError)")
        }
        if report.problems.count > 1 {
            lines.append("")
            lines.append("problems:")
            for problem in report.problems { lines.append("  - \(problem)") }
        }
        return lines.joined(separator: "\n")
    }

    private static func describe(_ run: SyncState.RunRecord?) -> String {
        guard let run else { return "never" }
        let counts = run.counts
        return "\(date(run.finishedAt)) \(run.result) (exit \(run.exitCode); \(counts.eventsSeen) events, "
            + "\(counts.instancesArchived) archived, \(counts.instancesConfirmed) confirmed, "
            + "\(counts.instancesFailed) failed)" + (run.error.map { ": \($0)" } ?? "")
    }

    private static func date(_ date: Date?) -> String {
        guard let date else { return "never" }
        return ISOTime.string(date)
    }
}
