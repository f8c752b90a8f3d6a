import AltinnAPI
import Foundation

/// The state and retry ledger of the running sync, saved as the run goes: the ledger before the cursor, so
/// the cursor never passes an event whose instance is neither done nor in the ledger.
///
/// Owned by the task that coordinates the run; never shared with the tasks that process instances.
final class RunJournal {
    private let store: StateStore
    private let dryRun: Bool
    private(set) var state: SyncState
    private(set) var ledger: RetryLedger
    private var ledgerChanged = false
    let policy: RetryLedger.Policy

    /// Loads the state folder. In a dry run nothing is ever written.
    init(store: StateStore, policy: RetryLedger.Policy, dryRun: Bool) throws(StateFileError) {
        self.store = store
        self.policy = policy
        self.dryRun = dryRun
        state = try store.loadState()
        ledger = try store.loadLedger()
    }

    func appState(_ app: AppID) -> SyncState.AppState {
        state.apps[app.description] ?? SyncState.AppState()
    }

    func updateAppState(_ app: AppID, _ change: (inout SyncState.AppState) -> Void) {
        var appState = appState(app)
        change(&appState)
        state.apps[app.description] = appState
    }

    /// Applies one instance's outcome to the ledger (not yet saved).
    func record(_ outcome: InstanceOutcome, job: InstanceJob, now: Date) {
        let id = job.instance.description
        switch outcome {
        case .archived, .alreadyArchived, .skipped:
            if ledger.contains(id) {
                ledger.resolve(id)
                ledgerChanged = true
            }
        case .failed(let failure):
            ledger.recordFailure(
                app: job.app.description, instanceId: id, foundBy: job.route.rawValue,
                eventIds: job.eventIds, error: failure.message, policy: policy, now: now)
            ledgerChanged = true
        case .quarantined(let reason):
            ledger.recordFailure(
                app: job.app.description, instanceId: id, foundBy: job.route.rawValue, eventIds: job.eventIds,
                error: reason, quarantine: true, policy: policy, now: now)
            ledgerChanged = true
        case .wouldArchive:
            break
        }
    }

    /// Saves the ledger if it changed, then moves `app`'s cursor to `event` and saves the state.
    func moveCursor(_ app: AppID, to event: CloudEvent, now: Date) throws(StateFileError) {
        try saveLedger()
        updateAppState(app) { appState in
            appState.cursor = event.id
            appState.cursorEventTime = event.time?.text
            appState.cursorUpdatedAt = now
        }
        try saveState()
    }

    /// Saves the ledger if it changed.
    func saveLedger() throws(StateFileError) {
        guard ledgerChanged, !dryRun else { return }
        try store.save(ledger)
        ledgerChanged = false
    }

    /// Saves the state.
    func saveState() throws(StateFileError) {
        guard !dryRun else { return }
        try store.save(state)
    }

    /// Records the finished run in the state and saves everything.
    func finish(run: SyncState.RunRecord) throws(StateFileError) {
        state.lastRun = run
        if run.exitCode == ExitStatus.success || run.exitCode == ExitStatus.partial { state.lastSuccessfulRun = run }
        try saveLedger()
        try saveState()
    }
}
