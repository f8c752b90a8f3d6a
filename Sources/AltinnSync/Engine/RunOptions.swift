public import AltinnAPI

/// How one run behaves, beyond the configuration.
public struct RunOptions: Sendable {
    /// When reconciliation runs.
    public enum ReconcileMode: Sendable, Equatable {
        /// When the configured interval has passed, or a cursor problem asks for it.
        case whenDue
        /// Now, whatever the interval (`altinn-sync reconcile`).
        case always
        /// Not in this run.
        case never
    }

    /// Fetch and report; write, confirm and move nothing.
    public var dryRun: Bool
    /// Stop starting new work after this long (exit 10 when work was left).
    public var maxDuration: Duration?
    /// When to reconcile.
    public var reconcile: ReconcileMode
    /// Whether to read the events feed (off for `altinn-sync reconcile`).
    public var readEvents: Bool
    /// Lower bound (inclusive) on `lastChanged` for reconciliation.
    public var reconcileChangedFrom: AltinnTimestamp?
    /// Upper bound (exclusive) on `lastChanged` for reconciliation.
    public var reconcileChangedBefore: AltinnTimestamp?
    /// Where a first run of an app starts, overriding the configuration's `startAt`.
    public var startAt: StartPoint?
    /// Instances to archive again (`altinn-sync fetch`): when set, the run does only that.
    public var fetch: [InstanceID]

    /// Creates options; the defaults are a plain `sync`.
    public init(
        dryRun: Bool = false, maxDuration: Duration? = nil, reconcile: ReconcileMode = .whenDue,
        readEvents: Bool = true,
        reconcileChangedFrom: AltinnTimestamp? = nil, reconcileChangedBefore: AltinnTimestamp? = nil,
        startAt: StartPoint? = nil, fetch: [InstanceID] = []
    ) {
        self.dryRun = dryRun
        self.maxDuration = maxDuration
        self.reconcile = reconcile
        self.readEvents = readEvents
        self.reconcileChangedFrom = reconcileChangedFrom
        self.reconcileChangedBefore = reconcileChangedBefore
        self.startAt = startAt
        self.fetch = fetch
    }
}
