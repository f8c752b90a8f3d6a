import Foundation
import Testing

@testable import AltinnSync

/// A state with something in every field.
func sampleState() -> SyncState {
    var state = SyncState()
    var app = SyncState.AppState()
    app.cursor = "0f8fad5b-d9cb-469f-a165-70867728950e"
    app.cursorEventTime = "2024-05-01T09:59:58.1234567Z"
    app.cursorUpdatedAt = epoch
    app.lastReconciliation = epoch.addingTimeInterval(-3600)
    app.lastReconciliationFound = 2
    app.reconciliationRequested = true
    state.apps["ttd/app-one"] = app
    var counts = SyncState.RunCounts()
    counts.eventsSeen = 5
    counts.instancesArchived = 3
    counts.bytesArchived = 12345
    let run = SyncState.RunRecord(
        startedAt: epoch, finishedAt: epoch.addingTimeInterval(12), exitCode: 3, result: "partial", counts: counts,
        error: nil)
    state.lastRun = run
    state.lastSuccessfulRun = SyncState.RunRecord(
        startedAt: epoch.addingTimeInterval(-600), finishedAt: epoch.addingTimeInterval(-590), exitCode: 0,
        result: "success", counts: SyncState.RunCounts(), error: nil)
    return state
}

@Suite struct StateStoreTests {
    let folder: TemporaryFolder
    let store: StateStore

    init() throws {
        folder = try TemporaryFolder()
        store = StateStore(directory: folder("state"))
    }

    @Test func paths() {
        #expect(store.statePath == folder("state/state.json"))
        #expect(store.ledgerPath == folder("state/retry-ledger.json"))
        #expect(store.lockPath == folder("state/lock"))
        #expect(store.tokenCachePath == folder("state/token-cache.json"))
    }

    @Test func missingFilesGiveEmptyValues() throws {
        #expect(try store.loadState() == SyncState())
        #expect(try store.loadLedger() == RetryLedger())
        try store.prepare()
        #expect(try store.loadState() == SyncState())
        #expect(try store.loadLedger() == RetryLedger())
        #expect(tree(store.directory).isEmpty)  // loading writes nothing
    }

    @Test func prepareCreatesAPrivateFolder() throws {
        try store.prepare()
        #expect(isDirectory(store.directory))
        #expect(permissions(store.directory) == 0o700)
        try store.prepare()  // again: fine
    }

    @Test func saveAndLoadRoundTrip() throws {
        try store.prepare()
        let state = sampleState()
        var ledger = RetryLedger()
        ledger.fail("51001/3b46b1e8-2b7a-4f3c-9d62-5c1a4b7f0e21", eventIds: ["e1", "e2"])
        ledger.fail("51002/11111111-2222-4333-8444-555555555555", quarantine: true)

        try store.save(state)
        try store.save(ledger)
        #expect(try store.loadState() == state)
        #expect(try store.loadLedger() == ledger)
        #expect(permissions(store.statePath) == 0o600)
        #expect(permissions(store.ledgerPath) == 0o600)
        #expect(tree(store.directory) == ["retry-ledger.json", "state.json"])

        // Saving again replaces.
        var changed = state
        changed.apps["ttd/app-one"]?.cursor = "next"
        try store.save(changed)
        #expect(try store.loadState().apps["ttd/app-one"]?.cursor == "next")
    }

    @Test func savingIntoAMissingFolderIsAStateFileError() throws {
        let error = try #require(throws: StateFileError.self) { try store.save(SyncState()) }
        #expect(error.path == store.statePath)
        #expect(error.description.contains("cannot be written"))
    }

    static let corruptions: [(String, String)] = [
        ("not JSON", "{ this is not json"),
        ("truncated", #"{"formatVersion" : 1, "apps" : {"#),
        ("empty", ""),
        ("wrong shape", #"{"formatVersion": 1, "apps": [], "entries": 7}"#),
        ("wrong types", #"{"formatVersion": "one", "apps": {}, "entries": {}}"#),
        (
            "bad date",
            #"{"formatVersion": 1, "apps": {"ttd/a": {"cursorUpdatedAt": "yesterday"}}, "entries": {"x": {}}}"#
        ),
    ]

    @Test(arguments: corruptions)
    func aCorruptStateFileIsAnErrorAndLeftUntouched(_ name: String, _ text: String) throws {
        try store.prepare()
        try put(text, at: store.statePath)
        let error = try #require(throws: StateFileError.self) { try store.loadState() }
        expectHelpful(error, path: store.statePath)
        #expect(contents(store.statePath) == Data(text.utf8))
        #expect(tree(store.directory) == ["state.json"])
    }

    @Test(arguments: corruptions)
    func aCorruptLedgerIsAnErrorAndLeftUntouched(_ name: String, _ text: String) throws {
        try store.prepare()
        try put(text, at: store.ledgerPath)
        let error = try #require(throws: StateFileError.self) { try store.loadLedger() }
        expectHelpful(error, path: store.ledgerPath)
        #expect(contents(store.ledgerPath) == Data(text.utf8))
        #expect(tree(store.directory) == ["retry-ledger.json"])
    }

    @Test func aLedgerEntryWithAnUnknownStateIsAnError() throws {
        try store.prepare()
        var ledger = RetryLedger()
        ledger.fail("1/a")
        try store.save(ledger)
        let saved = try #require(contents(store.ledgerPath))
        let text = try #require(String(data: saved, encoding: .utf8)).replacingOccurrences(
            of: #""state" : "pending""#, with: #""state" : "resting""#)
        try put(text, at: store.ledgerPath)
        let error = try #require(throws: StateFileError.self) { try store.loadLedger() }
        expectHelpful(error, path: store.ledgerPath)
        #expect(contents(store.ledgerPath) == Data(text.utf8))
    }

    @Test func aFolderWhereTheStateFileShouldBeIsAnError() throws {
        try FileManager.default.createDirectory(atPath: store.statePath, withIntermediateDirectories: true)
        let error = try #require(throws: StateFileError.self) { try store.loadState() }
        expectHelpful(error, path: store.statePath)
        #expect(isDirectory(store.statePath))
    }

    func expectHelpful(_ error: StateFileError, path: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(error.path == path, sourceLocation: sourceLocation)
        #expect(error.description.hasPrefix(path), sourceLocation: sourceLocation)
        #expect(error.problem.contains("cannot be read"), sourceLocation: sourceLocation)
        #expect(error.problem.contains("it was not changed"), sourceLocation: sourceLocation)
        #expect(error.problem.contains("Restore it from a backup"), sourceLocation: sourceLocation)
        #expect(error.problem.contains("move it away to start fresh"), sourceLocation: sourceLocation)
    }
}
