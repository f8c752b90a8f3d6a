import Foundation
import Testing

@testable import AltinnSync

/// Why a text is not valid Prometheus text exposition format.
struct PrometheusFormatError: Error, CustomStringConvertible {
    var line: Int
    var reason: String
    var description: String { "line \(line): \(reason)" }
}

/// A small checker of the Prometheus text exposition format (gauges only), returning each series'
/// value keyed by `name{labels}` as written.
///
/// Checks: `# HELP` and `# TYPE name gauge` before a family's samples, each at most once; a family's samples
/// together; metric names `[a-zA-Z_:][a-zA-Z0-9_:]*`; label names `[a-zA-Z_][a-zA-Z0-9_]*`, each once per
/// sample; label values quoted with only `\\`, `\"` and `\n` escapes; one space before a value that parses as
/// a Double; no duplicate series; no blank lines; a final newline.
func checkPrometheusText(_ text: String) throws -> [String: Double] {
    guard text.hasSuffix("\n") else { throw PrometheusFormatError(line: 0, reason: "no final newline") }
    var samples: [String: Double] = [:]
    var typed: Set<String> = []
    var helped: Set<String> = []
    var finished: Set<String> = []
    var current: String?
    for (index, line) in text.dropLast().split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let number = index + 1
        func fail(_ reason: String) -> PrometheusFormatError {
            PrometheusFormatError(line: number, reason: "\(reason): \(line)")
        }
        guard !line.isEmpty else { throw fail("blank line") }
        if line.hasPrefix("# HELP ") {
            let parts = line.dropFirst(7).split(separator: " ", maxSplits: 1)
            guard parts.count == 2, isMetricName(parts[0]) else { throw fail("bad HELP") }
            guard helped.insert(String(parts[0])).inserted else { throw fail("second HELP") }
            continue
        }
        if line.hasPrefix("# TYPE ") {
            let parts = line.dropFirst(7).split(separator: " ", omittingEmptySubsequences: false)
            guard parts.count == 2, isMetricName(parts[0]) else { throw fail("bad TYPE") }
            guard parts[1] == "gauge" else { throw fail("type is not gauge") }
            let name = String(parts[0])
            guard typed.insert(name).inserted else { throw fail("second TYPE") }
            if let current { finished.insert(current) }
            current = name
            continue
        }
        if line.hasPrefix("#") { continue }

        // name{labels} value
        var rest = line[...]
        let name = rest.prefix { $0 != "{" && $0 != " " }
        guard isMetricName(name) else { throw fail("bad metric name") }
        guard typed.contains(String(name)) else { throw fail("sample before its TYPE") }
        guard current == String(name), !finished.contains(String(name)) else { throw fail("family not together") }
        rest = rest.dropFirst(name.count)
        var labelNames: Set<Substring> = []
        var labels = ""
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                let labelName = rest.prefix { $0 != "=" }
                guard isLabelName(labelName), labelNames.insert(labelName).inserted else {
                    throw fail("bad label name")
                }
                rest = rest.dropFirst(labelName.count)
                guard rest.hasPrefix("=\"") else { throw fail("label value not quoted") }
                rest = rest.dropFirst(2)
                var closed = false
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if character == "\\" {
                        guard let escaped = rest.first, "\\\"n".contains(escaped) else { throw fail("bad escape") }
                        rest = rest.dropFirst()
                    } else if character == "\"" {
                        closed = true
                        break
                    } else if character == "\n" {
                        throw fail("newline in a label value")
                    }
                }
                guard closed else { throw fail("unterminated label value") }
                if rest.first == "," { rest = rest.dropFirst() } else if rest.first != "}" { throw fail("bad labels") }
            }
            rest = rest.dropFirst()
            labels = String(line[line.index(line.startIndex, offsetBy: name.count)..<rest.startIndex])
        }
        guard rest.first == " " else { throw fail("no single space before the value") }
        let value = rest.dropFirst()
        guard !value.contains(" "), let double = Double(value) else { throw fail("value is not a number") }
        let series = "\(name)\(labels)"
        guard samples.updateValue(double, forKey: series) == nil else { throw fail("duplicate series") }
    }
    guard typed.isSubset(of: helped) else { throw PrometheusFormatError(line: 0, reason: "a family lacks HELP") }
    return samples
}

private func isMetricName(_ name: Substring) -> Bool {
    guard let first = name.first, first.isASCII, first.isLetter || first == "_" || first == ":" else { return false }
    return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ":") }
}

private func isLabelName(_ name: Substring) -> Bool {
    guard let first = name.first, first.isASCII, first.isLetter || first == "_" else { return false }
    return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
}

@Suite struct MetricsFileTests {
    let startedAt = epoch
    let finishedAt = epoch.addingTimeInterval(42.5)

    func render(
        _ report: RunReport, state: SyncState = SyncState(), ledger: RetryLedger = RetryLedger()
    ) throws
        -> [String: Double]
    {
        let text = MetricsFile.render(
            report: report, startedAt: startedAt, finishedAt: finishedAt, state: state, ledger: ledger,
            apps: ["ttd/app-one", "ttd/app-two"], now: finishedAt)
        return try checkPrometheusText(text)
    }

    @Test func aFailedRunReportsTheLastSuccessFromTheStateAndTheLedger() throws {
        var report = RunReport()
        report.counts.eventsSeen = 7
        report.record(.archived(bytes: 2048, confirmed: true), instance: "1/a")
        report.record(.alreadyArchived(confirmed: false), instance: "1/b")
        report.record(.skipped(reason: "not ended"), instance: "1/c")
        report.record(.failed(InstanceFailure("timeout")), instance: "1/d")

        var state = sampleState()  // last success finished at epoch - 590
        state.apps["ttd/app-one"]?.cursorEventTime = "2024-05-01T09:59:30.25Z"  // 29.75 s before startedAt
        var ledger = RetryLedger()
        ledger.fail("1/p1")
        ledger.fail("1/p2")
        ledger.fail("1/f", policy: .init(maxAttempts: 1))
        ledger.fail("1/q", quarantine: true)

        var partial = report
        report.appFailures["ttd/app-two"] = "HTTP 503 from the events feed"
        let metrics = try render(report, state: state, ledger: ledger)
        #expect(metrics["altinn_sync_last_run_exit_code"] == 75)
        #expect(metrics["altinn_sync_last_success_timestamp_seconds"] == epoch.timeIntervalSince1970 - 590)
        // A partial run (exit 3) got through every app: it is the last success.
        partial.stuckLedgerEntries = 2
        let partialMetrics = try render(partial, state: state, ledger: ledger)
        #expect(partialMetrics["altinn_sync_last_run_exit_code"] == 3)
        #expect(partialMetrics["altinn_sync_last_success_timestamp_seconds"] == finishedAt.timeIntervalSince1970)
        #expect(metrics["altinn_sync_last_run_start_timestamp_seconds"] == 1_714_557_600)
        #expect(metrics["altinn_sync_last_run_end_timestamp_seconds"] == 1_714_557_642.5)
        #expect(metrics["altinn_sync_last_run_events_seen"] == 7)
        #expect(metrics[#"altinn_sync_last_run_instances{outcome="archived"}"#] == 1)
        #expect(metrics[#"altinn_sync_last_run_instances{outcome="already_archived"}"#] == 1)
        #expect(metrics[#"altinn_sync_last_run_instances{outcome="confirmed"}"#] == 1)
        #expect(metrics[#"altinn_sync_last_run_instances{outcome="failed"}"#] == 1)
        #expect(metrics[#"altinn_sync_last_run_instances{outcome="skipped"}"#] == 1)
        #expect(metrics["altinn_sync_last_run_bytes_archived"] == 2048)
        #expect(metrics[#"altinn_sync_retry_ledger_entries{state="pending"}"#] == 2)
        #expect(metrics[#"altinn_sync_retry_ledger_entries{state="failed"}"#] == 1)
        #expect(metrics[#"altinn_sync_retry_ledger_entries{state="quarantined"}"#] == 1)
        #expect(metrics[#"altinn_sync_cursor_lag_seconds{app="ttd/app-one"}"#] == 72.25)
        // No cursor yet for app-two: no lag sample rather than a made-up one.
        #expect(metrics[#"altinn_sync_cursor_lag_seconds{app="ttd/app-two"}"#] == nil)
        #expect(metrics[#"altinn_sync_retry_ledger_entries{state="acknowledged"}"#] == 0)
        #expect(metrics["altinn_sync_hook_backlog"] == 0)
        #expect(metrics.count == 17)
    }

    @Test func aSuccessfulRunIsTheLastSuccess() throws {
        let metrics = try render(RunReport(), state: sampleState())
        #expect(metrics["altinn_sync_last_run_exit_code"] == 0)
        #expect(metrics["altinn_sync_last_success_timestamp_seconds"] == finishedAt.timeIntervalSince1970)
        #expect(metrics[#"altinn_sync_retry_ledger_entries{state="pending"}"#] == 0)
    }

    @Test func noSuccessEverIsZero() throws {
        var report = RunReport()
        report.abort = RunAbort(.authentication, "refused")
        let metrics = try render(report)
        #expect(metrics["altinn_sync_last_run_exit_code"] == 77)
        #expect(metrics["altinn_sync_last_success_timestamp_seconds"] == 0)
    }

    @Test func cursorLagIsNeverNegativeAndSkipsUnreadableTimes() throws {
        var state = SyncState()
        state.apps["ttd/app-one"] = SyncState.AppState()
        state.apps["ttd/app-one"]?.cursorEventTime = "2024-05-01T11:00:00Z"  // after now: clock skew
        state.apps["ttd/app-two"] = SyncState.AppState()
        state.apps["ttd/app-two"]?.cursorEventTime = "not a time"
        state.apps["ttd/not-configured"] = SyncState.AppState()
        state.apps["ttd/not-configured"]?.cursorEventTime = "2024-05-01T09:00:00Z"
        let metrics = try render(RunReport(), state: state)
        #expect(metrics[#"altinn_sync_cursor_lag_seconds{app="ttd/app-one"}"#] == 0)
        #expect(metrics[#"altinn_sync_cursor_lag_seconds{app="ttd/app-two"}"#] == nil)
        #expect(metrics[#"altinn_sync_cursor_lag_seconds{app="ttd/not-configured"}"#] == nil)
    }

    @Test func everyFamilyIsADocumentedGauge() throws {
        let text = MetricsFile.render(
            report: RunReport(), startedAt: startedAt, finishedAt: finishedAt, state: SyncState(),
            ledger: RetryLedger(), apps: [], now: finishedAt)
        let types = text.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }
        #expect(
            types.map { $0.split(separator: " ")[2] } == [
                "altinn_sync_last_run_start_timestamp_seconds", "altinn_sync_last_run_end_timestamp_seconds",
                "altinn_sync_last_run_exit_code", "altinn_sync_last_success_timestamp_seconds",
                "altinn_sync_last_run_events_seen", "altinn_sync_last_run_instances",
                "altinn_sync_last_run_bytes_archived", "altinn_sync_retry_ledger_entries",
                "altinn_sync_cursor_lag_seconds", "altinn_sync_hook_backlog",
            ])
        _ = try checkPrometheusText(text)
    }

    @Test func writePutsTheMetricsInTheFileFromTheSavedState() throws {
        let folder = try TemporaryFolder()
        let configuration = try testConfiguration(archive: folder("archive"))
        let store = StateStore(directory: configuration.stateDirectory)
        try store.prepare()
        try store.save(sampleState())
        var ledger = RetryLedger()
        ledger.fail("1/q", quarantine: true)
        try store.save(ledger)
        var report = RunReport()
        report.stoppedAtDeadline = true

        let path = folder("altinn_sync.prom")
        try MetricsFile.write(
            report: report, startedAt: startedAt, finishedAt: finishedAt, configuration: configuration, to: path)
        let text = try #require(String(data: contents(path) ?? Data(), encoding: .utf8))
        let metrics = try checkPrometheusText(text)
        #expect(metrics["altinn_sync_last_run_exit_code"] == 10)
        #expect(metrics["altinn_sync_last_success_timestamp_seconds"] == epoch.timeIntervalSince1970 - 590)
        #expect(metrics[#"altinn_sync_retry_ledger_entries{state="quarantined"}"#] == 1)
        let lag = try #require(metrics[#"altinn_sync_cursor_lag_seconds{app="ttd/app-one"}"#])
        #expect(abs(lag - (42.5 + 1.8765433)) < 0.001)
        #expect(permissions(path) == 0o644)
    }

    static let malformed: [String] = [
        "altinn_sync_x 1\n",  // no TYPE
        "# HELP altinn_sync_x x\n# TYPE altinn_sync_x gauge\naltinn_sync_x one\n",
        "# HELP altinn_sync_x x\n# TYPE altinn_sync_x gauge\naltinn_sync_x{a=b} 1\n",
        "# HELP altinn_sync_x x\n# TYPE altinn_sync_x gauge\naltinn_sync_x{a=\"b} 1\n",
        "# HELP altinn_sync_x x\n# TYPE altinn_sync_x gauge\naltinn_sync_x{a=\"b\",a=\"c\"} 1\n",
        "# HELP altinn_sync_x x\n# TYPE altinn_sync_x gauge\naltinn_sync_x 1\naltinn_sync_x 2\n",
        "# HELP 1x x\n# TYPE 1x gauge\n1x 1\n",
        "# HELP altinn-sync x\n# TYPE altinn-sync gauge\naltinn-sync 1\n",
        "# HELP altinn_sync_x x\n# TYPE altinn_sync_x counter\naltinn_sync_x 1\n",
        "# HELP altinn_sync_x x\n# TYPE altinn_sync_x gauge\naltinn_sync_x 1",
        "# HELP altinn_sync_x x\n# TYPE altinn_sync_x gauge\naltinn_sync_x  1\n",
        "# HELP altinn_sync_x x\n# TYPE altinn_sync_x gauge\n\naltinn_sync_x 1\n",
        "# TYPE altinn_sync_x gauge\naltinn_sync_x 1\n",  // no HELP
        "# HELP a x\n# TYPE a gauge\n# HELP b x\n# TYPE b gauge\nb 1\na 1\n",  // family split
    ]

    @Test(arguments: malformed)
    func theCheckerRejectsMalformedText(_ text: String) {
        #expect(throws: PrometheusFormatError.self) { try checkPrometheusText(text) }
    }

    @Test func theCheckerAcceptsWellFormedText() throws {
        let text = "# HELP a_b x y\n# TYPE a_b gauge\na_b{l=\"v\\\"q\",m=\"\"} -1.5e3\na_b 2\n# comment\n"
        #expect(try checkPrometheusText(text) == [#"a_b{l="v\"q",m=""}"#: -1500, "a_b": 2])
    }
}
