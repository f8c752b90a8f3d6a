import AltinnAPI
import Logging
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What every part of one run shares, made once by ``SyncRun``: the configuration and options, Altinn and the
/// gate in front of it, the disk workers, the state (cursors and retry ledger), the archive journal, the clock
/// and the deadline, and the report.
final class RunContext: Sendable {
    let configuration: SyncConfiguration
    let options: RunOptions
    let endpoints: AltinnEndpoints
    let gateway: any AltinnGateway
    /// Bounds the Altinn requests in flight across the run (`concurrency`).
    let gate: RequestGate
    /// Where blocking file work runs (fsync, rename, state saves).
    let disk: DiskWorkers
    /// The cursors and the retry ledger.
    let state: RunState
    let archive: ArchiveWriter
    /// The archive journal; nil in a dry run, which writes nothing.
    let archiveJournal: ArchiveJournal?
    let logger: Logger
    /// The wall clock (injectable for tests).
    let now: @Sendable () -> Date
    private let monotonicNow: @Sendable () -> ContinuousClock.Instant
    private let deadline: ContinuousClock.Instant?
    private let report = Mutex(RunReport())
    /// How far the run has come, for a progress line, when someone watches.
    let progress: RunProgress?
    private let jobsMade = Atomic<Int>(0)

    init(
        configuration: SyncConfiguration, options: RunOptions, endpoints: AltinnEndpoints,
        gateway: any AltinnGateway, state: RunState, archiveJournal: ArchiveJournal?, disk: DiskWorkers, logger: Logger,
        now: @escaping @Sendable () -> Date, monotonicNow: @escaping @Sendable () -> ContinuousClock.Instant,
        progress: RunProgress? = nil
    ) {
        self.configuration = configuration
        self.options = options
        self.endpoints = endpoints
        self.gateway = gateway
        self.state = state
        self.archiveJournal = archiveJournal
        self.disk = disk
        self.logger = logger
        self.now = now
        self.monotonicNow = monotonicNow
        self.progress = progress
        gate = RequestGate(
            limit: configuration.concurrency
                + Self.handoffDepth(concurrency: configuration.concurrency, running: gateway.runningRequestLimit))
        archive = configuration.archiveWriter
        deadline = options.maxDuration.map { monotonicNow() + $0 }
    }

    /// How many requests beyond `concurrency` the gate lets through when the gateway itself runs at most
    /// `running` at once: they wait in the transport, and each starts the moment a running one ends instead of
    /// after a round trip through the gate and Swift's scheduler. Without such a gateway, none: the gate alone
    /// bounds what is in flight. Below 4 none either: a run of one or a few requests at a time keeps the gate's
    /// order exactly (a retried attempt goes next, as the operator of a small `concurrency` expects).
    static func handoffDepth(concurrency: Int, running: Int) -> Int {
        running > 0 && running <= concurrency ? concurrency / 4 : 0
    }

    /// How many instance jobs one app's path keeps running at once: enough that their requests keep every
    /// slot of the gate busy while some of them wait for the disk or for their next request, and that the
    /// last instances of a batch start while older ones still confirm. An open job holds a few KiB.
    var instanceSlots: Int { max(4, 4 * configuration.concurrency) }

    /// Whether `--max-duration` has passed: no new work starts (exit 10 when work was left).
    var deadlinePassed: Bool {
        guard let deadline else { return false }
        return monotonicNow() >= deadline
    }

    /// Changes the report.
    func updateReport<Result>(_ change: (inout RunReport) -> Result) -> Result {
        report.withLock { change(&$0) }
    }

    /// The report as it stands.
    var currentReport: RunReport { report.withLock { $0 } }

    /// A new job, numbered in the order jobs are made.
    func makeJob(
        app: AppID, instance: InstanceID, route: DiscoveryRoute, events: [CloudEvent] = [],
        earlierEventIds: [String] = []
    ) -> InstanceJob {
        let number = jobsMade.add(1, ordering: .relaxed).newValue
        progress?.instanceKnown()
        return InstanceJob(
            number: number, app: app, instance: instance, route: route, events: events,
            earlierEventIds: earlierEventIds)
    }

    /// Runs one Altinn call of `job`, its `step`, in a slot of the gate. A later step ranks as if its job had
    /// started two gate widths later (``RequestGate/Priority/instance(_:_:stepSpan:)``).
    func request<Result>(
        for job: InstanceJob, _ step: RequestGate.InstanceStep, _ call: () async throws -> Result
    ) async throws -> Result {
        try await gate.withSlot(.instance(job.number, step, stepSpan: 2 * configuration.concurrency), call)
    }

    /// Runs the first Altinn call of `job`, unless the deadline passed while it waited for its slot: then the
    /// job does not start (``JobNotStarted``), and a later run does it.
    func firstRequest<Result>(for job: InstanceJob, _ call: () async throws -> Result) async throws -> Result {
        try await gate.withSlot(.instance(job.number)) {
            guard !deadlinePassed else { throw JobNotStarted() }
            return try await call()
        }
    }

    /// Runs the read of a page (feed or query) in a slot of the gate, ahead of instance work.
    func pageRequest<Result>(_ call: () async throws -> Result) async throws -> Result {
        try await gate.withSlot(.pageRead, call)
    }

    /// Saves through the state on the disk workers (saving fsyncs).
    func save(_ body: @escaping @Sendable (RunState) throws -> Void) async throws {
        let state = state
        try await disk.run { try body(state) }
    }
}

/// A job that reached its first request only after the deadline: it did nothing, and a later run does it.
struct JobNotStarted: Error {}
