#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `altinn-sync status` reports: the state folder read without network or lock.
public struct StatusReport: Sendable, Encodable {
    /// One app's position.
    public struct AppStatus: Sendable, Encodable {
        /// `{org}/{app}`.
        public var app: String
        /// The last event id passed.
        public var cursor: String?
        /// That event's time.
        public var cursorEventTime: String?
        /// When the cursor last moved.
        public var cursorUpdatedAt: Date?
        /// When the last reconciliation finished.
        public var lastReconciliation: Date?
        /// How many instances it found.
        public var lastReconciliationFound: Int?
        /// Set while the events feed cannot be read past an event.
        public var feedBlocked: SyncState.FeedBlock?
        /// Where the app's first run started, when not at the beginning.
        public var startAt: Date?
    }

    /// The configuration file.
    public var configFile: String
    /// The archive folder.
    public var archiveDir: String
    /// The state folder.
    public var stateDir: String
    /// Per app.
    public var apps: [AppStatus]
    /// The last run.
    public var lastRun: SyncState.RunRecord?
    /// The last run that exited 0.
    public var lastSuccessfulRun: SyncState.RunRecord?
    /// Ledger entries that will be retried.
    public var pending: [RetryLedger.Entry]
    /// Ledger entries that gave up.
    public var failed: [RetryLedger.Entry]
    /// Ledger entries blocked by content.
    public var quarantined: [RetryLedger.Entry]
    /// Ledger entries a person acknowledged as handled: listed, never a problem.
    public var acknowledged: [RetryLedger.Entry]
    /// Where a first run of an app starts, when not at the beginning (`startAt` in the configuration).
    public var startAt: String?
    /// The `onArchived` command, when one is configured.
    public var hooks: String?
    /// Journal entries whose `onArchived` hook has not succeeded yet (0 without a hook).
    public var hookBacklog: Int
    /// Hooks that failed and are tried again on later runs, by journal entry number.
    public var hookFailures: [String: SyncState.HookFailure]
    /// The verdict.
    public var health: String
    /// Why the verdict is not OK.
    public var problems: [String]
    /// The first line of `status`, as monitoring plugins print it: the verdict, then why (or, when OK, the
    /// last successful run), e.g. `CRITICAL: 1 instance(s) quarantined ...`.
    public var summary: String
    /// The verdict as an exit code.
    public var exitCode: Int32

    /// Builds the report from the state folder of `configuration`.
    ///
    /// - Parameter staleAfter: how old the last successful run may be before the verdict is CRITICAL.
    public init(configuration: SyncConfiguration, staleAfter: Duration, now: Date = Date()) throws(StateFileError) {
        let store = StateStore(directory: configuration.stateDirectory)
        let (exists, isFolder) = FileManager.default.folderStatus(atPath: store.directory)
        if exists && (!isFolder || access(store.directory, R_OK | X_OK) != 0) {
            throw StateFileError(
                path: store.directory,
                problem:
                    "cannot be read by this user (\(isFolder ? "permission denied" : "not a folder")); run "
                    + "status as the user altinn-sync runs as, or give this user read access")
        }
        let state = try store.loadState()
        let ledger = try store.loadLedger()
        configFile = configuration.file
        archiveDir = configuration.archiveDirectory
        stateDir = configuration.stateDirectory
        apps = configuration.apps.map { app in
            let appState = state.apps[app.description] ?? SyncState.AppState()
            return AppStatus(
                app: app.description, cursor: appState.cursor, cursorEventTime: appState.cursorEventTime,
                cursorUpdatedAt: appState.cursorUpdatedAt, lastReconciliation: appState.lastReconciliation,
                lastReconciliationFound: appState.lastReconciliationFound, feedBlocked: appState.feedBlocked,
                startAt: appState.startAt)
        }
        lastRun = state.lastRun
        lastSuccessfulRun = state.lastSuccessfulRun
        pending = ledger.entries(in: .pending)
        failed = ledger.entries(in: .failed)
        quarantined = ledger.entries(in: .quarantined)
        acknowledged = ledger.entries(in: .acknowledged)
        hookFailures = state.hooks?.failures ?? [:]
        startAt = configuration.startAt == .beginning ? nil : configuration.startAt.description
        hooks = configuration.hooks?.command.joined(separator: " ")
        hookBacklog = Self.hookBacklog(configuration: configuration, state: state)

        var verdict = Health.ok
        var problems: [String] = []
        func flag(_ health: Health, _ problem: String) {
            verdict = max(verdict, health)
            problems.append(problem)
        }
        let staleSeconds = Double(staleAfter.components.seconds)
        if let success = state.lastSuccessfulRun {
            let age = now.timeIntervalSince(success.finishedAt)
            if age > staleSeconds {
                flag(
                    .critical,
                    "no successful run for \(DurationText.format(.seconds(Int(age)))) (limit \(DurationText.format(staleAfter)))"
                )
            }
        } else if state.lastRun != nil {
            flag(.critical, "no run has succeeded yet")
        } else {
            flag(.warning, "altinn-sync has not run yet with this state folder")
        }
        if !failed.isEmpty {
            flag(
                .critical,
                "\(failed.count) instance(s) failed too often; fix the cause, then run altinn-sync retry --all-failed")
        }
        if !quarantined.isEmpty {
            flag(
                .critical,
                "\(quarantined.count) instance(s) quarantined (infected data); once handled, mark them with "
                    + "altinn-sync acknowledge")
        }
        for app in apps {
            guard let block = app.feedBlocked else { continue }
            flag(
                .warning,
                "the events feed of \(app.app) is blocked after event \(block.after ?? "0") since "
                    + "\(ISOTime.string(block.since)): \(block.reason). Reconciliation archives its submissions "
                    + "meanwhile (on every sync); if this lasts, report it to Altinn with this message")
        }
        if !hookFailures.isEmpty {
            flag(
                .warning,
                "the onArchived hook failed for \(hookFailures.count) instance(s); each is tried again on later runs "
                    + "(see hookFailures for the error)")
        }
        if let last = state.lastRun, last.exitCode != ExitStatus.success, verdict < .critical {
            flag(.warning, "the last run ended with exit code \(last.exitCode) (\(last.result))")
        }
        health = verdict.description
        self.problems = problems
        exitCode = verdict.rawValue
        summary = Self.summary(
            verdict, problems: problems, lastSuccess: state.lastSuccessfulRun?.finishedAt, pending: pending.count,
            acknowledged: acknowledged.count)
    }

    /// The verdict, then the problems, or what an OK rests on.
    static func summary(
        _ verdict: Health, problems: [String], lastSuccess: Date?, pending: Int, acknowledged: Int
    ) -> String {
        guard verdict == .ok else { return "\(verdict): \(problems.joined(separator: "; "))" }
        var parts = [lastSuccess.map { "last successful run \(ISOTime.string($0))" } ?? "no problem found"]
        if pending > 0 { parts.append("\(pending) instance(s) wait for their automatic retry") }
        if acknowledged > 0 { parts.append("\(acknowledged) acknowledged instance(s)") }
        return "\(verdict): \(parts.joined(separator: "; "))"
    }

    /// Journal entries after the delivered one, plus failed hooks; 0 when no hook is configured.
    static func hookBacklog(configuration: SyncConfiguration, state: SyncState) -> Int {
        guard configuration.hooks != nil else { return 0 }
        let delivered = state.hooks?.delivered ?? 0
        let unseen = (try? ArchiveJournal.entries(in: configuration.layout.journalDirectory, after: delivered)) ?? []
        return unseen.filter { $0.needsHook(confirming: configuration.confirm) }.count
            + (state.hooks?.failures.count ?? 0)
    }
}
