import AltinnAPI

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// Writes Prometheus text-format metrics after each run, atomically, for node_exporter's textfile collector.
public enum MetricsFile {
    /// Writes the metrics of `report` (and of the saved state: last success, ledger, cursor lag) to `path`.
    public static func write(
        report: RunReport, startedAt: Date, finishedAt: Date, configuration: SyncConfiguration, to path: String
    ) throws {
        let store = StateStore(directory: configuration.stateDirectory)
        let state = (try? store.loadState()) ?? SyncState()
        let ledger = (try? store.loadLedger()) ?? RetryLedger()
        let text = render(
            report: report, startedAt: startedAt, finishedAt: finishedAt, state: state, ledger: ledger,
            apps: configuration.apps.map(\.description), now: finishedAt,
            hookBacklog: StatusReport.hookBacklog(configuration: configuration, state: state))
        try DurableFile.write(Data(text.utf8), to: path, mode: 0o644)
    }

    /// The metrics as Prometheus text exposition format.
    static func render(
        report: RunReport, startedAt: Date, finishedAt: Date, state: SyncState, ledger: RetryLedger, apps: [String],
        now: Date, hookBacklog: Int = 0
    ) -> String {
        var lines: [String] = []
        func gauge(_ name: String, _ help: String, _ samples: [(labels: String, value: Double)]) {
            lines.append("# HELP altinn_sync_\(name) \(help)")
            lines.append("# TYPE altinn_sync_\(name) gauge")
            for sample in samples {
                lines.append("altinn_sync_\(name)\(sample.labels) \(format(sample.value))")
            }
        }
        let counts = report.counts
        gauge("last_run_start_timestamp_seconds", "When the last run started.", [("", startedAt.timeIntervalSince1970)])
        gauge("last_run_end_timestamp_seconds", "When the last run ended.", [("", finishedAt.timeIntervalSince1970)])
        gauge("last_run_exit_code", "The exit code of the last run.", [("", Double(report.exitCode))])
        let lastSuccess =
            report.completed ? finishedAt : state.lastSuccessfulRun?.finishedAt
        gauge(
            "last_success_timestamp_seconds",
            "When the last run that got through every app ended (exit 0 or 3; 0: never).",
            [("", lastSuccess?.timeIntervalSince1970 ?? 0)])
        gauge("last_run_events_seen", "Events read by the last run.", [("", Double(counts.eventsSeen))])
        gauge(
            "last_run_instances", "Instances handled by the last run, by outcome.",
            [
                ("{outcome=\"archived\"}", Double(counts.instancesArchived)),
                ("{outcome=\"already_archived\"}", Double(counts.instancesAlreadyArchived)),
                ("{outcome=\"confirmed\"}", Double(counts.instancesConfirmed)),
                ("{outcome=\"failed\"}", Double(counts.instancesFailed)),
                ("{outcome=\"skipped\"}", Double(counts.instancesSkipped)),
            ])
        gauge("last_run_bytes_archived", "Data bytes written by the last run.", [("", Double(counts.bytesArchived))])
        gauge(
            "retry_ledger_entries", "Instances in the retry ledger, by state.",
            RetryLedger.EntryState.allCases.map { state in
                ("{state=\"\(state.rawValue)\"}", Double(ledger.entries(in: state).count))
            })
        var lags: [(String, Double)] = []
        for app in apps {
            guard let appState = state.apps[app],
                let lag = CursorLag.seconds(appState, runStartedAt: startedAt, now: now)
            else { continue }
            lags.append(("{app=\"\(app)\"}", lag))
        }
        gauge(
            "cursor_lag_seconds",
            "How long events may have waited unread, per app: 0 when the run read the feed to its end, else the "
                + "time since the feed was last read to its end or the newest event passed, whichever is later.",
            lags)
        gauge(
            "hook_backlog", "Journal entries whose onArchived hook has not succeeded yet (0 without a hook).",
            [("", Double(hookBacklog))])
        return lines.joined(separator: "\n") + "\n"
    }

    private static func format(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
