import AltinnAPI
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The state and retry ledger of the running sync, saved as the run goes: the ledger before the cursor, so
/// the cursor never passes an event whose instance is neither done nor in the ledger.
///
/// Thread model: every member is read and changed under one mutex, so the apps of a run, which settle their
/// instances side by side, may share it. The saving methods write and fsync while holding it, so call them
/// from ``DiskWorkers``, not from Swift's cooperative pool.
final class RunState: Sendable {
    private struct Contents {
        var state: SyncState
        var ledger: RetryLedger
        var ledgerChanged = false
    }

    private let store: StateStore
    private let dryRun: Bool
    private let contents: Mutex<Contents>
    let policy: RetryLedger.Policy

    /// Loads the state folder. In a dry run nothing is ever written.
    init(store: StateStore, policy: RetryLedger.Policy, dryRun: Bool) throws(StateFileError) {
        self.store = store
        self.policy = policy
        self.dryRun = dryRun
        contents = Mutex(Contents(state: try store.loadState(), ledger: try store.loadLedger()))
    }

    /// The retry ledger as it is now.
    var ledger: RetryLedger { contents.withLock { $0.ledger } }

    /// Whether a person acknowledged `instance` as handled: it gets no job, whoever names it.
    func isAcknowledged(_ instance: InstanceID) -> Bool {
        contents.withLock { $0.ledger.isAcknowledged(instance.description) }
    }

    func appState(_ app: AppID) -> SyncState.AppState {
        contents.withLock { $0.state.apps[app.description] ?? SyncState.AppState() }
    }

    func updateAppState(_ app: AppID, _ change: (inout SyncState.AppState) -> Void) {
        contents.withLock { contents in
            var appState = contents.state.apps[app.description] ?? SyncState.AppState()
            change(&appState)
            contents.state.apps[app.description] = appState
        }
    }

    /// The hook's progress.
    var hooks: SyncState.HookDelivery? { contents.withLock { $0.state.hooks } }

    /// Changes the hook's progress and saves the state.
    func updateHooks(_ change: (inout SyncState.HookDelivery?) -> Void) throws(StateFileError) {
        try contents.withLock { contents throws(StateFileError) in
            change(&contents.state.hooks)
            try saveState(contents)
        }
    }

    /// Applies one instance's outcome to the ledger (not yet saved).
    func record(_ outcome: InstanceOutcome, job: InstanceJob, now: Date) {
        let id = job.instance.description
        contents.withLock { contents in
            switch outcome {
            case .archived, .alreadyArchived, .skipped:
                if contents.ledger.contains(id) {
                    contents.ledger.resolve(id)
                    contents.ledgerChanged = true
                }
            case .failed(let failure):
                contents.ledger.recordFailure(
                    app: job.app.description, instanceId: id, foundBy: job.route.rawValue,
                    eventIds: job.eventIds, error: failure.message, policy: policy, now: now)
                contents.ledgerChanged = true
            case .quarantined(let reason):
                contents.ledger.recordFailure(
                    app: job.app.description, instanceId: id, foundBy: job.route.rawValue, eventIds: job.eventIds,
                    error: reason, quarantine: true, policy: policy, now: now)
                contents.ledgerChanged = true
            case .wouldArchive:
                break
            }
        }
    }

    /// Saves the ledger if it changed, then moves `app`'s cursor to `position` and saves the state.
    func moveCursor(_ app: AppID, to position: CursorPosition, now: Date) throws(StateFileError) {
        try contents.withLock { contents throws(StateFileError) in
            try saveLedger(&contents)
            var appState = contents.state.apps[app.description] ?? SyncState.AppState()
            appState.cursor = position.id
            appState.cursorEventTime = position.time
            appState.cursorUpdatedAt = now
            contents.state.apps[app.description] = appState
            try saveState(contents)
        }
    }

    /// Saves the ledger if it changed.
    func saveLedger() throws(StateFileError) {
        try contents.withLock { contents throws(StateFileError) in try saveLedger(&contents) }
    }

    /// Saves the ledger if it changed, and the state.
    func save() throws(StateFileError) {
        try contents.withLock { contents throws(StateFileError) in
            try saveLedger(&contents)
            try saveState(contents)
        }
    }

    /// Records the finished run in the state and saves everything.
    func finish(run: SyncState.RunRecord) throws(StateFileError) {
        try contents.withLock { contents throws(StateFileError) in
            contents.state.lastRun = run
            if run.exitCode == ExitStatus.success || run.exitCode == ExitStatus.partial {
                contents.state.lastSuccessfulRun = run
            }
            try saveLedger(&contents)
            try saveState(contents)
        }
    }

    private func saveLedger(_ contents: inout Contents) throws(StateFileError) {
        guard contents.ledgerChanged, !dryRun else { return }
        try store.save(contents.ledger)
        contents.ledgerChanged = false
    }

    private func saveState(_ contents: Contents) throws(StateFileError) {
        guard !dryRun else { return }
        try store.save(contents.state)
    }
}

/// Where an app's cursor stands: the id of the last event passed, and its `time` as Altinn wrote it.
struct CursorPosition: Sendable, Equatable {
    var id: String
    var time: String?
}
