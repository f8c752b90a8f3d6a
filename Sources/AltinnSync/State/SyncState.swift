public import Foundation

/// What the tool remembers between runs (`<stateDir>/state.json`): per app the event cursor and the last
/// reconciliation, and the last runs.
public struct SyncState: Codable, Sendable, Equatable {
    /// The state of one app.
    public struct AppState: Codable, Sendable, Equatable {
        /// The id of the last event passed: every event up to it named an instance that is archived, in the
        /// retry ledger, or not one to archive (another app, a process not ended for a non-completion event);
        /// nil before the first event (the feed is then read from the start).
        public var cursor: String?
        /// The `time` of that event, as Altinn wrote it.
        public var cursorEventTime: String?
        /// When the cursor was last moved.
        public var cursorUpdatedAt: Date?
        /// When the feed was last read to its end (an empty page).
        public var feedCaughtUpAt: Date?
        /// When the last complete reconciliation sweep finished.
        public var lastReconciliation: Date?
        /// How many unconfirmed instances the last sweep found.
        public var lastReconciliationFound: Int?
        /// Set when a cursor problem asks for a sweep before the interval has passed.
        public var reconciliationRequested: Bool?
        /// Set while the events feed answers what cannot be read at the cursor; reconciliation then runs on
        /// every sync, so that no submission waits on the feed.
        public var feedBlocked: FeedBlock?
        /// Where the app's first run started (`startAt`), when not at the beginning: events before it were
        /// skipped, and reconciliation leaves instances last changed before it alone.
        public var startAt: Date?

        /// An app nothing is known of yet.
        public init() {}
    }

    /// An events feed that cannot be read past an event.
    public struct FeedBlock: Codable, Sendable, Equatable {
        /// When it was first found blocked at this cursor.
        public var since: Date
        /// The cursor it is blocked after (nil: the start of the feed).
        public var after: String?
        /// What Altinn answered that cannot be read.
        public var reason: String
    }

    /// How far the `onArchived` hook has come through the archive journal.
    public struct HookDelivery: Codable, Sendable, Equatable {
        /// Every journal entry up to this number is handled: its hook succeeded, it needs none, or it waits in
        /// ``failures``.
        public var delivered: UInt64
        /// Hooks that failed, by journal entry number (as text), each tried again on later runs.
        public var failures: [String: HookFailure] = [:]

        /// Starts after the journal entry `delivered`.
        public init(delivered: UInt64) {
            self.delivered = delivered
        }
    }

    /// A hook that failed for one journal entry.
    public struct HookFailure: Codable, Sendable, Equatable {
        /// The instance the entry is about.
        public var instanceId: String
        /// Attempts so far.
        public var attempts: Int
        /// When the last attempt ran.
        public var lastAttemptAt: Date
        /// When the next attempt is due.
        public var nextAttemptAt: Date
        /// How the last attempt ended.
        public var lastError: String
    }

    /// Counts of one run.
    public struct RunCounts: Codable, Sendable, Equatable {
        /// Events read from the feed.
        public var eventsSeen = 0
        /// Instances newly written to the archive.
        public var instancesArchived = 0
        /// Instances found already archived.
        public var instancesAlreadyArchived = 0
        /// Instances confirmed to Altinn.
        public var instancesConfirmed = 0
        /// Instances that failed and are in the retry ledger.
        public var instancesFailed = 0
        /// Instances skipped (process not ended, another app).
        public var instancesSkipped = 0
        /// Data bytes written to the archive.
        public var bytesArchived: Int64 = 0

        /// All zero.
        public init() {}
    }

    /// One run's record.
    public struct RunRecord: Codable, Sendable, Equatable {
        /// When it started.
        public var startedAt: Date
        /// When it ended.
        public var finishedAt: Date
        /// Its exit code.
        public var exitCode: Int32
        /// A short word for the result: `success`, `partial`, `failed`, …
        public var result: String
        /// What it did.
        public var counts: RunCounts
        /// The error that ended it, when one did.
        public var error: String?
    }

    /// The state format; increases on incompatible changes.
    public var formatVersion = 1
    /// Per app, keyed by `{org}/{app}`.
    public var apps: [String: AppState] = [:]
    /// The `onArchived` hook's progress; nil until a hook is configured.
    public var hooks: HookDelivery?
    /// The most recent run.
    public var lastRun: RunRecord?
    /// The most recent run that got through every app (exit code 0, or 3 when some instances wait in the
    /// retry ledger).
    public var lastSuccessfulRun: RunRecord?

    /// A state with nothing in it.
    public init() {}
}
