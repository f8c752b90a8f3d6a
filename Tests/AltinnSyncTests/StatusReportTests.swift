import Foundation
import Testing

@testable import AltinnSync

/// A valid configuration archiving into `archive` (state in `<archive>/.altinn-sync`), for two apps.
func testConfiguration(archive: String) throws -> SyncConfiguration {
    let text = """
        {
          "environment": "tt02", "org": "ttd", "apps": ["ttd/app-one", "ttd/app-two"],
          "maskinporten": {"clientId": "c", "key": {"type": "jwk", "file": "key.json"}},
          "archiveDir": "\(archive)"
        }
        """
    return try ConfigurationLoader.parse(Data(text.utf8), file: archive + "/../altinn-sync.json")
}

@Suite struct StatusReportTests {
    let folder: TemporaryFolder
    let configuration: SyncConfiguration
    let store: StateStore
    let staleAfter = Duration.seconds(2 * 3600)
    /// The status is asked for at this time.
    let now = epoch.addingTimeInterval(86400)

    init() throws {
        folder = try TemporaryFolder()
        configuration = try testConfiguration(archive: folder("archive"))
        store = StateStore(directory: configuration.stateDirectory)
        try store.prepare()
    }

    func run(exitCode: Int32, finishedAgo seconds: TimeInterval) -> SyncState.RunRecord {
        let finished = now.addingTimeInterval(-seconds)
        return SyncState.RunRecord(
            startedAt: finished.addingTimeInterval(-30), finishedAt: finished, exitCode: exitCode,
            result: exitCode == 0 ? "success" : "partial", counts: SyncState.RunCounts(), error: nil)
    }

    func status() throws -> StatusReport {
        try StatusReport(configuration: configuration, staleAfter: staleAfter, now: now)
    }

    func save(
        lastRun: SyncState.RunRecord?, lastSuccess: SyncState.RunRecord?, ledger: RetryLedger = RetryLedger()
    )
        throws
    {
        var state = SyncState()
        state.lastRun = lastRun
        state.lastSuccessfulRun = lastSuccess
        state.apps["ttd/app-one"] = SyncState.AppState()
        state.apps["ttd/app-one"]?.cursor = "event-9"
        try store.save(state)
        try store.save(ledger)
    }

    @Test func neverRunIsAWarning() throws {
        let report = try status()
        #expect(report.health == "WARNING")
        #expect(report.exitCode == 1)
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.contains("has not run yet") == true)
        #expect(report.lastRun == nil)
        #expect(report.apps.map(\.app) == ["ttd/app-one", "ttd/app-two"])
    }

    @Test func aRecentSuccessWithACleanLedgerIsOK() throws {
        let success = run(exitCode: 0, finishedAgo: 600)
        try save(lastRun: success, lastSuccess: success)
        let report = try status()
        #expect(report.health == "OK")
        #expect(report.exitCode == 0)
        #expect(report.problems.isEmpty)
        #expect(report.apps.first?.cursor == "event-9")
        #expect(report.apps.last?.cursor == nil)
        #expect(report.stateDir == configuration.stateDirectory)
        #expect(report.archiveDir == configuration.archiveDirectory)
    }

    @Test func pendingRetriesAloneAreOK() throws {
        let success = run(exitCode: 0, finishedAgo: 600)
        var ledger = RetryLedger()
        ledger.fail("1/a", at: now)
        try save(lastRun: success, lastSuccess: success, ledger: ledger)
        let report = try status()
        #expect(report.health == "OK")
        #expect(report.pending.map(\.instanceId) == ["1/a"])
    }

    static let ages: [(TimeInterval, String, Int32)] = [
        (7199, "OK", 0), (7200, "OK", 0), (7201, "CRITICAL", 2), (3 * 86400, "CRITICAL", 2),
    ]

    @Test(arguments: ages)
    func anOldLastSuccessIsCritical(_ age: TimeInterval, _ health: String, _ exitCode: Int32) throws {
        let success = run(exitCode: 0, finishedAgo: age)
        try save(lastRun: success, lastSuccess: success)
        let report = try status()
        #expect(report.health == health)
        #expect(report.exitCode == exitCode)
        if exitCode == 2 {
            #expect(report.problems.first?.contains("no successful run for") == true)
            #expect(report.problems.first?.contains("(limit 2h)") == true)
        }
    }

    @Test func aRecentFailureAfterAnOlderSuccessIsAWarning() throws {
        try save(lastRun: run(exitCode: 75, finishedAgo: 60), lastSuccess: run(exitCode: 0, finishedAgo: 3600))
        let report = try status()
        #expect(report.health == "WARNING")
        #expect(report.exitCode == 1)
        #expect(report.problems == ["the last run ended with exit code 75 (partial)"])
    }

    @Test func runsWithoutAnySuccessAreCritical() throws {
        try save(lastRun: run(exitCode: 77, finishedAgo: 60), lastSuccess: nil)
        let report = try status()
        #expect(report.health == "CRITICAL")
        #expect(report.exitCode == 2)
        #expect(report.problems.contains("no run has succeeded yet"))
    }

    @Test(arguments: [RetryLedger.EntryState.failed, .quarantined])
    func stuckLedgerEntriesAreCritical(_ state: RetryLedger.EntryState) throws {
        let success = run(exitCode: 0, finishedAgo: 60)
        var ledger = RetryLedger()
        ledger.fail("1/pending")
        ledger.fail("1/stuck", quarantine: state == .quarantined, policy: .init(maxAttempts: 1))
        try save(lastRun: success, lastSuccess: success, ledger: ledger)
        let report = try status()
        #expect(report.health == "CRITICAL")
        #expect(report.exitCode == 2)
        #expect(report.problems.count == 1)
        #expect(report.failed.map(\.instanceId) == (state == .failed ? ["1/stuck"] : []))
        #expect(report.quarantined.map(\.instanceId) == (state == .quarantined ? ["1/stuck"] : []))
        #expect(report.pending.map(\.instanceId) == ["1/pending"])
    }

    @Test func acknowledgedEntriesAreListedButAreNoProblem() throws {
        let success = run(exitCode: 0, finishedAgo: 60)
        var ledger = RetryLedger()
        ledger.fail("1/handled", quarantine: true)
        _ = ledger.acknowledge(instanceIds: ["1/handled"], note: "case 17", now: now)
        try save(lastRun: success, lastSuccess: success, ledger: ledger)
        let report = try status()
        #expect(report.health == "OK")
        #expect(report.exitCode == 0)
        #expect(report.quarantined.isEmpty)
        #expect(report.acknowledged.map(\.instanceId) == ["1/handled"])
        #expect(report.acknowledged.first?.acknowledgementNote == "case 17")
        #expect(report.summary == "OK: last successful run 2024-05-02T09:59:00Z; 1 acknowledged instance(s)")
    }

    @Test func theSummaryStartsWithTheHealthThenSaysWhy() throws {
        var ledger = RetryLedger()
        ledger.fail("1/q", quarantine: true)
        let success = run(exitCode: 3, finishedAgo: 60)
        try save(lastRun: success, lastSuccess: success, ledger: ledger)
        let critical = try status()
        #expect(critical.summary.hasPrefix("CRITICAL: 1 instance(s) quarantined"), "\(critical.summary)")
        #expect(critical.summary.contains("altinn-sync acknowledge"))

        try save(lastRun: nil, lastSuccess: nil)
        #expect(try status().summary == "WARNING: altinn-sync has not run yet with this state folder")

        var pending = RetryLedger()
        pending.fail("1/p")
        try save(
            lastRun: run(exitCode: 0, finishedAgo: 60), lastSuccess: run(exitCode: 0, finishedAgo: 60), ledger: pending)
        #expect(
            try status().summary
                == "OK: last successful run 2024-05-02T09:59:00Z; 1 instance(s) wait for their automatic retry")
    }

    @Test func aCorruptStateFileIsAnError() throws {
        try put("{", at: store.statePath)
        #expect(throws: StateFileError.self) { try status() }
    }

    @Test func healthOrdersAndNames() {
        #expect(Health.ok < .warning && Health.warning < .critical)
        #expect([Health.ok, .warning, .critical].map(\.rawValue) == [0, 1, 2])
        #expect([Health.ok, .warning, .critical].map(\.description) == ["OK", "WARNING", "CRITICAL"])
    }
}
