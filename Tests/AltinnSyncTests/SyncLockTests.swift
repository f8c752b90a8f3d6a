import AltinnAPI
import AltinnSync
import Foundation
import Logging
import Maskinporten
import Testing

/// The locks `SyncRun` takes before any app runs: the state folder's, then the archive's, so two
/// configurations that share one archive (each with its own state folder) never run at once.
@Suite struct SyncLockTests {
    /// One signing key for every test here: generating RSA keys takes a moment.
    static let keyPEM: Result<String, any Error> = Result { try RSAPrivateKey.generate(bits: 2048).pkcs8PEM() }

    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
        let key = folder("client.pem")
        try put(try Self.keyPEM.get(), at: key)
        chmod(key, 0o600)
    }

    /// A configuration with the archive `archive` and its own state folder; its endpoints are never contacted.
    func configuration(stateDir: String, app: String) throws -> SyncConfiguration {
        let text = """
            {
              "environment": "custom",
              "endpoints": {"maskinporten": "http://127.0.0.1:9/", "platform": "http://127.0.0.1:9", "apps": "http://127.0.0.1:9"},
              "org": "ttd",
              "apps": ["ttd/\(app)"],
              "maskinporten": {"clientId": "client", "key": {"type": "pem", "file": "client.pem", "kid": "kid-1"}},
              "archiveDir": "archive",
              "stateDir": "\(stateDir)",
              "tokenCache": false
            }
            """
        return try ConfigurationLoader.parse(Data(text.utf8), file: folder("altinn-sync.json"))
    }

    func sync(_ configuration: SyncConfiguration) async throws -> RunReport {
        let logger = Logger(label: "lock-test") { _ in SwiftLogNoOpLogHandler() }
        let session = try SyncSession(configuration: configuration, environment: [:], logger: logger)
        let run = SyncRun(
            configuration: configuration, endpoints: session.endpoints, gateway: session.client, logger: logger)
        return await run.run()
    }

    @Test func aSecondConfigurationSharingTheArchiveIsRefusedWhileTheFirstRuns() async throws {
        let first = try configuration(stateDir: "state-a", app: "app-a")
        let second = try configuration(stateDir: "state-b", app: "app-b")
        #expect(first.layout == second.layout)
        #expect(first.stateDirectory != second.stateDirectory)
        // The first configuration's run holds its locks and is downloading into the staging area.
        let firstStore = StateStore(directory: first.stateDirectory)
        try firstStore.prepare()
        try FileManager.default.createDirectory(atPath: first.layout.root, withIntermediateDirectories: true)
        let stateLock = try firstStore.lock()
        let archiveLock = try RunLock(path: first.layout.lockPath)
        let staged = "\(first.layout.stagingRoot)/0000abcd-0000-4000-8000-000000000001-run-a/data/half.pdf"
        try put("half a file", at: staged)

        let report = try await sync(second)

        #expect(report.exitCode == ExitStatus.locked)
        #expect(report.abort?.kind == .locked)
        #expect(report.abort?.message.contains(first.layout.lockPath) == true)
        // Nothing of the first run was touched, and the second run left its own state folder unlocked.
        #expect(contents(staged) == Data("half a file".utf8))
        #expect(!FileManager.default.fileExists(atPath: StateStore(directory: second.stateDirectory).statePath))
        _ = try StateStore(directory: second.stateDirectory).lock()
        withExtendedLifetime((stateLock, archiveLock)) {}
    }

    @Test func theStateFolderIsLockedFirst() async throws {
        let configuration = try configuration(stateDir: "state-a", app: "app-a")
        let store = StateStore(directory: configuration.stateDirectory)
        try store.prepare()
        let stateLock = try store.lock()

        let report = try await sync(configuration)

        #expect(report.exitCode == ExitStatus.locked)
        #expect(report.abort?.message.contains(store.lockPath) == true)
        // The refused run never reached the archive's lock.
        #expect(!FileManager.default.fileExists(atPath: configuration.layout.lockPath))
        withExtendedLifetime(stateLock) {}
    }
}
