#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Reads and writes the state folder: `state.json`, `retry-ledger.json`, and the run lock.
///
/// Writes are atomic and durable (``DurableFile``). A file that cannot be read is an error, never silently
/// replaced: losing the retry ledger could lose a submission.
public struct StateStore: Sendable {
    /// The state folder.
    public let directory: String

    /// Creates a store over `directory`.
    public init(directory: String) {
        self.directory = directory
    }

    /// `state.json`.
    public var statePath: String { "\(directory)/state.json" }
    /// `retry-ledger.json`.
    public var ledgerPath: String { "\(directory)/retry-ledger.json" }
    /// `lock`.
    public var lockPath: String { "\(directory)/lock" }
    /// `token-cache.json`.
    public var tokenCachePath: String { "\(directory)/token-cache.json" }

    /// Creates the folder (mode 0700) if needed.
    public func prepare() throws(FileSystemError) {
        try DurableFile.makeDirectories(directory, mode: 0o700)
    }

    /// Takes the run lock.
    public func lock() throws(RunLock.Failure) -> RunLock {
        try RunLock(path: lockPath)
    }

    /// The saved state, or an empty one when none was saved yet.
    public func loadState() throws(StateFileError) -> SyncState {
        try load(SyncState.self, from: statePath) ?? SyncState()
    }

    /// The saved retry ledger, or an empty one.
    public func loadLedger() throws(StateFileError) -> RetryLedger {
        try load(RetryLedger.self, from: ledgerPath) ?? RetryLedger()
    }

    /// Saves the state.
    public func save(_ state: SyncState) throws(StateFileError) {
        try save(state, to: statePath)
    }

    /// Saves the retry ledger.
    public func save(_ ledger: RetryLedger) throws(StateFileError) {
        try save(ledger, to: ledgerPath)
    }

    private func load<Value: Decodable>(_ type: Value.Type, from path: String) throws(StateFileError) -> Value? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return try Self.decoder.decode(type, from: data)
        } catch {
            throw StateFileError(
                path: path,
                problem:
                    "cannot be read (\(error)); it was not changed. Restore it from a backup, or move it away to "
                    + "start fresh (the events feed is then read from the start; archived instances are not fetched again)"
            )
        }
    }

    private func save<Value: Encodable>(_ value: Value, to path: String) throws(StateFileError) {
        do {
            let data = try Self.encoder.encode(value)
            try DurableFile.write(data, to: path, mode: 0o600)
        } catch {
            throw StateFileError(path: path, problem: "cannot be written: \(error)")
        }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}

/// A state file that cannot be read or written.
public struct StateFileError: Error, CustomStringConvertible, Sendable {
    /// The file.
    public var path: String
    /// What is wrong and what to do.
    public var problem: String

    public var description: String { "\(path) \(problem)" }
}
