import AltinnAPI

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads and validates a configuration file. Every error names the key and says what is expected.
public enum ConfigurationLoader {
    /// The default Maskinporten scopes.
    public static let defaultScopes = ["altinn:serviceowner/instances.read", "altinn:serviceowner/instances.write"]
    /// The default event types.
    public static let defaultEventTypes = ["app.instance.process.completed"]

    /// Loads the configuration at `path` (relative paths inside it are relative to its folder).
    public static func load(path: String) throws(ConfigurationError) -> SyncConfiguration {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        if FileManager.default.folderStatus(atPath: absolute).isFolder {
            throw ConfigurationError(
                file: absolute, key: "", problem: "is a folder; pass the configuration file itself with --config FILE")
        }
        if let problem = ConfigurationFileAccess.permissionProblem(at: absolute) {
            throw ConfigurationError(file: absolute, key: "", problem: problem)
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: absolute))
        } catch {
            let reason = readFailureReason(error)
            throw ConfigurationError(
                file: absolute, key: "",
                problem: "cannot be read (\(reason)); pass --config FILE or set ALTINN_SYNC_CONFIG")
        }
        do {
            return try parse(data, file: absolute)
        } catch {
            var located = error
            located.file = absolute
            throw located
        }
    }

    /// Parses configuration JSON; `file` is the configuration file's absolute path.
    public static func parse(_ data: Data, file: String) throws(ConfigurationError) -> SyncConfiguration {
        try TrailingCommaCheck.check(data)
        var root = try JSONObjectReader(data: data)
        try DuplicateKeyCheck.check(data)
        let base = PathText.parent(of: file)

        let environment = try readEnvironment(&root)
        let orgText = try root.requiredString("org", hint: "the service owner's org code, e.g. \"ttd\"")
        let org: Org
        do { org = try Org(orgText) } catch { throw root.invalid("org", error.detail) }

        do {
            _ = try AltinnEndpoints(environment: environment, org: org)
        } catch {
            throw root.invalid(root.has("endpoints") ? "endpoints" : "environment", error.detail)
        }

        guard let appTexts = try root.stringArray("apps"), !appTexts.isEmpty else {
            throw root.missing("apps", hint: "a list of apps as \"org/app\", e.g. [\"\(org)/my-app\"]")
        }
        var apps: [AppID] = []
        for (index, text) in appTexts.enumerated() {
            let app: AppID
            do { app = try AppID(text) } catch { throw root.invalid("apps[\(index)]", error.detail) }
            guard app.org == org else {
                throw root.invalid(
                    "apps[\(index)]",
                    "\"\(text)\" belongs to org \"\(app.org)\", but org is \"\(org)\"; "
                        + "a service owner reads its own apps only")
            }
            guard !apps.contains(app) else { throw root.invalid("apps[\(index)]", "\"\(text)\" is listed twice") }
            apps.append(app)
        }

        guard var mp = try root.object("maskinporten") else {
            throw root.missing("maskinporten", hint: "an object with clientId, scopes and key")
        }
        let maskinporten = try readMaskinporten(&mp, base: base)

        let archive = try root.requiredString("archiveDir", hint: "the folder where instances are archived")
        let archiveDirectory = absolutePath(archive, base: base)
        let stateDirectory =
            try root.string("stateDir").map { absolutePath($0, base: base) }
            ?? ArchiveLayout(root: archiveDirectory).defaultStateDirectory

        if let inside = relativePath(of: stateDirectory, within: archiveDirectory),
            inside.isEmpty || !inside.hasPrefix(".")
        {
            throw root.invalid(
                "stateDir",
                "\(stateDirectory) is inside the archive but not in a hidden folder; consumers scanning the "
                    + "archive would see the tool's files. Use a hidden folder such as \(archiveDirectory)/.altinn-sync, "
                    + "or a folder outside the archive")
        }
        let staging = ArchiveLayout(root: archiveDirectory).stagingRoot
        if relativePath(of: stateDirectory, within: staging) != nil
            || relativePath(of: staging, within: stateDirectory) != nil
        {
            throw root.invalid(
                "stateDir", "\(stateDirectory) overlaps the staging area \(staging), which every run empties")
        }

        let eventTypes = try root.stringArray("eventTypes") ?? defaultEventTypes
        guard !eventTypes.isEmpty else { throw root.invalid("eventTypes", "must list at least one event type") }
        let concurrency = try root.integer("concurrency", in: 1...64) ?? 8
        let confirm = try root.bool("confirm") ?? true
        let downloadFrom: DownloadSource
        if let text = try root.string("downloadFrom") {
            guard let source = DownloadSource(rawValue: text) else {
                throw root.invalid("downloadFrom", "expected \"storage\" or \"app\", got \"\(text)\"")
            }
            downloadFrom = source
        } else {
            downloadFrom = .storage
        }
        let eventPageSize = try root.integer("eventPageSize", in: 1...1000) ?? 50
        let reconcile = try readReconcile(&root)
        let retry = try readRetry(&root)
        let http = try readHTTP(&root, base: base)
        let tokenCache = try root.bool("tokenCache") ?? true
        let waitForPendingScans = try root.bool("waitForPendingScans") ?? true
        let metricsFile = try root.string("metricsFile").map { absolutePath($0, base: base) }
        let archiveModes = try readArchiveModes(&root)
        let hooks = try readHooks(&root, base: base)
        let startAt = try readStartAt(&root)
        try root.rejectUnknownKeys()

        var configuration = SyncConfiguration(
            file: file, environment: environment, org: org, apps: apps, maskinporten: maskinporten,
            archiveDirectory: archiveDirectory, stateDirectory: stateDirectory, eventTypes: eventTypes,
            concurrency: concurrency, confirm: confirm, downloadFrom: downloadFrom, eventPageSize: eventPageSize,
            reconcile: reconcile, retry: retry, http: http, tokenCache: tokenCache,
            waitForPendingScans: waitForPendingScans, metricsFile: metricsFile)
        configuration.archiveModes = archiveModes
        configuration.hooks = hooks
        configuration.startAt = startAt
        return configuration
    }

    /// The part of `path` below `folder` ("" when equal), or nil when `path` is not inside `folder`.
    static func relativePath(of path: String, within folder: String) -> String? {
        if path == folder { return "" }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : nil
    }

    /// Why a file could not be read, in the system's words (e.g. "No such file or directory").
    private static func readFailureReason(_ error: any Error) -> String {
        if let error = error as? CocoaError, let system = error.underlying as? POSIXError {
            return String(cString: strerror(system.code.rawValue))
        }
        return "\(error)"
    }

    /// `path` made absolute against `base` and standardised.
    static func absolutePath(_ path: String, base: String) -> String {
        let expanded = PathText.expandingTilde(path)
        let absolute = expanded.hasPrefix("/") ? expanded : "\(base)/\(expanded)"
        return URL(fileURLWithPath: absolute).standardizedFileURL.path
    }
}
