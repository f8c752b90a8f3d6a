/// What one run did, and how it ended: the source of the summary line, the state's run record, the metrics
/// and the exit code.
public struct RunReport: Sendable {
    /// Counts.
    public var counts = SyncState.RunCounts()
    /// Instances quarantined in this run.
    public var quarantined: [(instance: String, message: String)] = []
    /// Dry run: instances that would be archived, in the order found.
    public private(set) var wouldArchive: [String] = []
    /// Dry run: instances that would be confirmed.
    public private(set) var wouldConfirm: Set<String> = []
    private var wouldArchiveSet: Set<String> = []
    /// The failure that ended the run early, if any.
    public var abort: RunAbort?
    /// Apps whose feed or query failed for a temporary reason (the other apps went on), with the reason.
    public var appFailures: [String: String] = [:]
    /// Apps whose feed or query answers what cannot be read (the rest of their work went on), with what
    /// the operator can do: not a passing problem, so the run is partial rather than temporary.
    public var blockedSources: [String: String] = [:]
    /// `onArchived` hooks that succeeded in this run.
    public var hooksRun = 0
    /// `onArchived` hooks that failed in this run (each is tried again on a later run).
    public var hooksFailed = 0
    /// Whether the run stopped at `--max-duration` with work left.
    public var stoppedAtDeadline = false
    /// Whether the run was interrupted (SIGINT/SIGTERM).
    public var interrupted = false
    /// Entries of the retry ledger that wait for a person (failed, quarantined) after the run.
    public var stuckLedgerEntries = 0
    /// Entries of the retry ledger that will be retried automatically.
    public var pendingLedgerEntries = 0

    /// Creates an empty report.
    public init() {}

    /// Adds one instance's outcome.
    public mutating func record(_ outcome: InstanceOutcome, instance: String) {
        switch outcome {
        case .archived(let bytes, let confirmed):
            counts.instancesArchived += 1
            counts.bytesArchived += bytes
            if confirmed { counts.instancesConfirmed += 1 }
        case .alreadyArchived(let confirmed):
            counts.instancesAlreadyArchived += 1
            if confirmed { counts.instancesConfirmed += 1 }
        case .skipped:
            counts.instancesSkipped += 1
        case .wouldArchive(_, _, let confirm):
            // A dry run archives nothing, so reconciliation and later pages find the same instances again.
            if wouldArchiveSet.insert(instance).inserted { wouldArchive.append(instance) }
            if confirm { wouldConfirm.insert(instance) }
        case .quarantined(let reason):
            quarantined.append((instance, reason))
        case .failed(let failure):
            counts.instancesFailed += 1
            if let bytes = failure.archivedBytes {
                // Archived, then the confirmation failed: the files are in place all the same.
                counts.instancesArchived += 1
                counts.bytesArchived += bytes
            }
        }
    }

    /// The exit code, decided in one place (README, Exit codes).
    public var exitCode: Int32 {
        if interrupted { return ExitStatus.interrupted }
        if let abort {
            switch abort.kind {
            case .authentication: return ExitStatus.authentication
            case .temporary: return ExitStatus.temporary
            case .localStorage: return ExitStatus.internalFailure
            case .configuration: return ExitStatus.configuration
            case .locked: return ExitStatus.locked
            }
        }
        if !appFailures.isEmpty { return ExitStatus.temporary }
        if stoppedAtDeadline { return ExitStatus.stoppedAtDeadline }
        // Partial when this run had failures, or when instances or a blocked feed or query wait for a person.
        // Entries that merely wait for their next automatic attempt do not count: the run did all it could, and
        // monitoring sees them in `status` and the metrics (retry ledger entries by state).
        if counts.instancesFailed > 0 || !quarantined.isEmpty || stuckLedgerEntries > 0 || !blockedSources.isEmpty
            || hooksFailed > 0
        {
            return ExitStatus.partial
        }
        return ExitStatus.success
    }

    /// Whether the run got through every app (exit 0 or 3): what "success" means for the last-success
    /// timestamp, `status --stale-after` and the staleness alert.
    public var completed: Bool {
        exitCode == ExitStatus.success || exitCode == ExitStatus.partial
    }

    /// A short word for the result.
    public var result: String {
        switch exitCode {
        case ExitStatus.success: "success"
        case ExitStatus.partial: "partial"
        case ExitStatus.stoppedAtDeadline: "stopped-at-deadline"
        case ExitStatus.interrupted: "interrupted"
        case ExitStatus.authentication: "authentication-failed"
        case ExitStatus.temporary: "temporary-failure"
        case ExitStatus.locked: "locked"
        case ExitStatus.configuration: "configuration-invalid"
        default: "failed"
        }
    }
}

/// The exit codes of `sync` (README, Exit codes).
public enum ExitStatus {
    /// Success, including "nothing new".
    public static let success: Int32 = 0
    /// Unexpected internal failure (also: the archive or state cannot be written).
    public static let internalFailure: Int32 = 1
    /// Some instances failed and are in the retry ledger; the rest succeeded.
    public static let partial: Int32 = 3
    /// Stopped at `--max-duration` with work left.
    public static let stoppedAtDeadline: Int32 = 10
    /// Another run holds the lock.
    public static let locked: Int32 = 11
    /// Usage error.
    public static let usage: Int32 = 64
    /// Temporary failure: network, 5xx, 429 after retries.
    public static let temporary: Int32 = 75
    /// Authentication or authorisation refused.
    public static let authentication: Int32 = 77
    /// Configuration invalid.
    public static let configuration: Int32 = 78
    /// Interrupted after a clean stop.
    public static let interrupted: Int32 = 130
}
