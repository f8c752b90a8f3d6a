import AltinnAPI
import AltinnSync
import Foundation
import Logging
import Synchronization

/// A value several tasks may read and change.
final class Shared<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) { mutex = Mutex(value) }

    var value: Value {
        get { mutex.withLock { $0 } }
        set { mutex.withLock { $0 = newValue } }
    }

    func change<Result>(_ body: (inout Value) -> Result) -> Result { mutex.withLock { body(&$0) } }
}

/// One log line the engine wrote.
struct LogRecord: Sendable {
    var level: Logger.Level
    var message: String
    var metadata: [String: String]

    /// The message and its metadata values, for searching.
    var text: String { ([message] + metadata.keys.sorted().compactMap { metadata[$0] }).joined(separator: " ") }
}

/// Keeps every log line.
struct CollectingLogHandler: LogHandler {
    let records: Shared<[LogRecord]>
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let record = LogRecord(
            level: event.level, message: "\(event.message)", metadata: merged.mapValues { "\($0)" })
        records.change { $0.append(record) }
    }
}

/// A temporary folder with a configuration, a fake Altinn and the state and archive folders the engine uses,
/// as `SyncSession.sync` prepares them (minus the locks and the authentication).
final class EngineHarness {
    let folder: TemporaryFolder
    let configuration: SyncConfiguration
    let altinn = FakeAltinn()
    let records = Shared<[LogRecord]>([])
    /// The engine's clock; the real time unless a test sets it.
    let clock = Shared(Date())
    /// How far the clock `--max-duration` is measured on runs ahead of real time; a test moves it on to make
    /// the deadline pass at a moment of its choosing.
    let elapsed = Shared(Duration.zero)
    let apps: [AppID]
    let endpoints: AltinnEndpoints

    /// - Parameters:
    ///   - apps: app names of org `ttd`.
    ///   - settings: further top-level members of the configuration, as raw JSON (`"key": value`).
    ///   - reconcile: whether reconciliation is enabled (off by default, so tests see only what they set up).
    ///   - prepare: whether to create the state folder as `SyncSession.sync` does (a dry run does not).
    init(
        apps: [String] = ["app-a"], concurrency: Int = 2, reconcile: Bool = false, settings: [String] = [],
        prepare: Bool = true
    ) throws {
        folder = try TemporaryFolder()
        var members = [
            #""environment": "custom""#,
            #""endpoints": {"maskinporten": "http://127.0.0.1:9/", "platform": "http://127.0.0.1:9", "apps": ""#
                + FakeAltinn.appsBase + #""}"#,
            #""org": "ttd""#,
            #""apps": ["# + apps.map { "\"ttd/\($0)\"" }.joined(separator: ", ") + "]",
            #""maskinporten": {"clientId": "client", "key": {"type": "jwk", "file": "client.jwk"}}"#,
            #""archiveDir": "archive""#,
            #""concurrency": \#(concurrency)"#,
        ]
        if !settings.contains(where: { $0.hasPrefix(#""reconcile""#) }) {
            members.append(#""reconcile": {"enabled": \#(reconcile)}"#)
        }
        members += settings
        let text = "{\n" + members.joined(separator: ",\n") + "\n}"
        configuration = try ConfigurationLoader.parse(Data(text.utf8), file: folder("altinn-sync.json"))
        self.apps = configuration.apps
        endpoints = try AltinnEndpoints(environment: configuration.environment, org: configuration.org)
        if prepare { try store.prepare() }
    }

    /// The first configured app.
    var app: AppID { apps[0] }

    var store: StateStore { StateStore(directory: configuration.stateDirectory) }
    var layout: ArchiveLayout { configuration.layout }

    /// Runs the engine once, as `altinn-sync sync` would after taking the locks and authenticating.
    func run(_ options: RunOptions = RunOptions(), progress: RunProgress? = nil) async -> RunReport {
        let (records, clock, elapsed) = (records, clock, elapsed)
        let run = SyncRun(
            configuration: configuration,
            endpoints: endpoints,
            gateway: altinn, logger: Logger(label: "engine-test") { _ in CollectingLogHandler(records: records) },
            now: { clock.value }, monotonicNow: { ContinuousClock.now + elapsed.value }, progress: progress)
        return await run.run(options: options)
    }

    // MARK: Reading the results

    func state() throws -> SyncState { try store.loadState() }
    func ledger() throws -> RetryLedger { try store.loadLedger() }
    func appState(_ app: AppID? = nil) throws -> SyncState.AppState? {
        try state().apps[(app ?? self.app).description]
    }
    /// The saved cursor of `app` (the first app by default).
    func cursor(_ app: AppID? = nil) throws -> String? { try appState(app)?.cursor }

    /// Saves `change` applied to the saved state.
    func changeState(_ change: (inout SyncState) -> Void) throws {
        var state = try store.loadState()
        change(&state)
        try store.save(state)
    }

    /// Saves `change` applied to the app's saved state.
    func changeAppState(_ app: AppID? = nil, _ change: (inout SyncState.AppState) -> Void) throws {
        try changeState { state in
            let key = (app ?? self.app).description
            var appState = state.apps[key] ?? SyncState.AppState()
            change(&appState)
            state.apps[key] = appState
        }
    }

    func instanceFolder(_ id: InstanceID, app: AppID? = nil) -> String {
        layout.instanceDirectory(app: app ?? self.app, instance: id)
    }

    /// Whether `id` is in the archive (its manifest is there).
    func isArchived(_ id: InstanceID, app: AppID? = nil) -> Bool {
        FileManager.default.fileExists(atPath: layout.manifestPath(app: app ?? self.app, instance: id))
    }

    /// The manifest of an archived instance.
    func manifest(_ id: InstanceID, app: AppID? = nil) throws -> ArchiveManifest {
        let data = try Data(
            contentsOf: URL(fileURLWithPath: layout.manifestPath(app: app ?? self.app, instance: id)))
        return try JSONDecoder().decode(ArchiveManifest.self, from: data)
    }

    /// Everything in the staging area (should be empty between runs).
    var staging: [String] { tree(layout.stagingRoot) }

    /// Log lines at `level` or above.
    func logs(atLeast level: Logger.Level) -> [LogRecord] {
        records.value.filter { $0.level >= level }
    }

    /// Warnings and errors whose message or metadata contains `text`.
    func warnings(containing text: String) -> [LogRecord] {
        logs(atLeast: .warning).filter { $0.text.contains(text) }
    }
}
