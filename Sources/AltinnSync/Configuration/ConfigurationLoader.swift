import AltinnAPI
public import Foundation

/// Reads and validates a configuration file. Every error names the key and says what is expected.
public enum ConfigurationLoader {
    /// The default Maskinporten scopes.
    public static let defaultScopes = ["altinn:serviceowner/instances.read", "altinn:serviceowner/instances.write"]
    /// The default event types.
    public static let defaultEventTypes = ["app.instance.process.completed"]

    /// Loads the configuration at `path` (relative paths inside it are relative to its folder).
    public static func load(path: String) throws(ConfigurationError) -> SyncConfiguration {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: absolute))
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? "\(error.localizedDescription)"
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
        var root = try JSONObjectReader(data: data)
        let base = (file as NSString).deletingLastPathComponent

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
        try root.rejectUnknownKeys()

        return SyncConfiguration(
            file: file, environment: environment, org: org, apps: apps, maskinporten: maskinporten,
            archiveDirectory: archiveDirectory, stateDirectory: stateDirectory, eventTypes: eventTypes,
            concurrency: concurrency, confirm: confirm, downloadFrom: downloadFrom, eventPageSize: eventPageSize,
            reconcile: reconcile, retry: retry, http: http, tokenCache: tokenCache,
            waitForPendingScans: waitForPendingScans, metricsFile: metricsFile)
    }

    private static func readEnvironment(_ root: inout JSONObjectReader) throws(ConfigurationError) -> AltinnEnvironment
    {
        let name = try root.requiredString("environment", hint: "\"tt02\", \"production\" or \"custom\"")
        switch name {
        case "tt02":
            guard !root.has("endpoints") else {
                throw root.invalid("endpoints", "is only allowed with \"environment\": \"custom\"")
            }
            _ = try root.object("endpoints")
            return .tt02
        case "production":
            guard !root.has("endpoints") else {
                throw root.invalid("endpoints", "is only allowed with \"environment\": \"custom\"")
            }
            _ = try root.object("endpoints")
            return .production
        case "custom":
            guard var endpoints = try root.object("endpoints") else {
                throw root.missing(
                    "endpoints",
                    hint: "with \"environment\": \"custom\", give {\"maskinporten\", \"platform\", \"apps\"}")
            }
            let maskinporten = try endpoints.requiredString(
                "maskinporten", hint: "the Maskinporten issuer URL with a trailing slash")
            let platform = try endpoints.requiredString("platform", hint: "the platform base URL")
            let apps = try endpoints.requiredString("apps", hint: "the apps base URL, may contain {org}")
            try endpoints.rejectUnknownKeys()
            guard let issuer = URL(string: maskinporten), issuer.scheme != nil, issuer.host != nil else {
                throw endpoints.invalid("maskinporten", "expected an absolute URL, got \"\(maskinporten)\"")
            }
            guard maskinporten.hasSuffix("/") else {
                throw endpoints.invalid(
                    "maskinporten",
                    "must end with \"/\": it is the issuer, which is also the grant's audience (e.g. https://test.maskinporten.no/)"
                )
            }
            guard let platformURL = URL(string: platform), platformURL.scheme != nil, platformURL.host != nil else {
                throw endpoints.invalid("platform", "expected an absolute URL, got \"\(platform)\"")
            }
            return .custom(maskinporten: issuer, platform: platformURL, apps: apps)
        default:
            throw root.invalid("environment", "expected \"tt02\", \"production\" or \"custom\", got \"\(name)\"")
        }
    }

    private static func readMaskinporten(
        _ mp: inout JSONObjectReader, base: String
    ) throws(ConfigurationError) -> SyncConfiguration.MaskinportenSettings {
        let clientId = try mp.requiredString(
            "clientId", hint: "the Maskinporten client id (integration id) from Digdir's self-service portal")
        let scopes = try mp.stringArray("scopes") ?? defaultScopes
        guard !scopes.isEmpty else { throw mp.invalid("scopes", "must list at least one scope") }
        if let bad = scopes.first(where: { $0.contains(" ") }) {
            throw mp.invalid("scopes", "\"\(bad)\" contains a space; list each scope separately")
        }
        guard var keyObject = try mp.object("key") else {
            throw mp.missing("key", hint: "{\"type\": \"pem\" | \"pkcs12\" | \"jwk\", \"file\": ...}")
        }
        let key = try readKey(&keyObject, base: base)
        let resource = try mp.stringArray("resource")
        let consumerOrg = try mp.string("consumerOrg")
        if let consumerOrg, !(consumerOrg.count == 9 && consumerOrg.allSatisfy { $0.isASCII && $0.isNumber }) {
            throw mp.invalid("consumerOrg", "expected a 9-digit organisation number, got \"\(consumerOrg)\"")
        }
        try mp.rejectUnknownKeys()
        return .init(clientId: clientId, scopes: scopes, key: key, resource: resource, consumerOrg: consumerOrg)
    }

    private static func readKey(
        _ key: inout JSONObjectReader, base: String
    ) throws(ConfigurationError) -> SyncConfiguration.KeySettings {
        let type = try key.requiredString("type", hint: "\"pem\", \"pkcs12\" or \"jwk\"")
        let file = absolutePath(try key.requiredString("file", hint: "the key file"), base: base)
        let result: SyncConfiguration.KeySettings
        switch type {
        case "pem":
            let kid = try key.requiredString("kid", hint: "the key id registered with the Maskinporten client")
            result = .pem(file: file, kid: kid, passwordEnv: try key.string("passwordEnv"))
        case "pkcs12":
            let passwordEnv = try key.requiredString(
                "passwordEnv", hint: "the name of the environment variable that holds the PKCS#12 password")
            result = .pkcs12(file: file, passwordEnv: passwordEnv)
        case "jwk":
            result = .jwk(file: file, kid: try key.string("kid"))
        default:
            throw key.invalid("type", "expected \"pem\", \"pkcs12\" or \"jwk\", got \"\(type)\"")
        }
        try key.rejectUnknownKeys()
        return result
    }

    private static func readReconcile(
        _ root: inout JSONObjectReader
    ) throws(ConfigurationError) -> SyncConfiguration.ReconcileSettings {
        var settings = SyncConfiguration.ReconcileSettings(enabled: true, interval: .seconds(86400), pageSize: 100)
        guard var object = try root.object("reconcile") else { return settings }
        settings.enabled = try object.bool("enabled") ?? settings.enabled
        settings.interval =
            try object.duration("interval", in: .seconds(60)...Duration.seconds(90 * 86400)) ?? settings.interval
        settings.pageSize = try object.integer("pageSize", in: 1...1000) ?? settings.pageSize
        try object.rejectUnknownKeys()
        return settings
    }

    private static func readRetry(_ root: inout JSONObjectReader) throws(ConfigurationError) -> RetryLedger.Policy {
        var policy = RetryLedger.Policy()
        guard var object = try root.object("retry") else { return policy }
        policy.maxAttempts = try object.integer("maxAttempts", in: 1...1000) ?? policy.maxAttempts
        policy.initialDelay =
            try object.duration("initialDelay", in: .zero...Duration.seconds(7 * 86400)) ?? policy.initialDelay
        policy.maxDelay = try object.duration("maxDelay", in: .zero...Duration.seconds(30 * 86400)) ?? policy.maxDelay
        try object.rejectUnknownKeys()
        return policy
    }

    private static func readHTTP(
        _ root: inout JSONObjectReader, base: String
    ) throws(ConfigurationError) -> SyncConfiguration.HTTPSettings {
        var settings = SyncConfiguration.HTTPSettings(
            connectTimeout: .seconds(15), stallTimeout: .seconds(60), apiTimeout: .seconds(120), maxAttempts: 5,
            caFile: nil, proxy: nil, noProxy: nil)
        guard var object = try root.object("http") else { return settings }
        settings.connectTimeout =
            try object.duration("connectTimeout", in: .milliseconds(100)...Duration.seconds(600))
            ?? settings.connectTimeout
        settings.stallTimeout =
            try object.duration("stallTimeout", in: .seconds(1)...Duration.seconds(3600)) ?? settings.stallTimeout
        settings.apiTimeout =
            try object.duration("apiTimeout", in: .seconds(1)...Duration.seconds(3600)) ?? settings.apiTimeout
        settings.maxAttempts = try object.integer("maxAttempts", in: 1...20) ?? settings.maxAttempts
        settings.caFile = try object.string("caFile").map { absolutePath($0, base: base) }
        settings.proxy = try object.string("proxy")
        settings.noProxy = try object.string("noProxy")
        try object.rejectUnknownKeys()
        return settings
    }

    /// The part of `path` below `folder` ("" when equal), or nil when `path` is not inside `folder`.
    static func relativePath(of path: String, within folder: String) -> String? {
        if path == folder { return "" }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : nil
    }

    /// `path` made absolute against `base` and standardised.
    static func absolutePath(_ path: String, base: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        let absolute = expanded.hasPrefix("/") ? expanded : "\(base)/\(expanded)"
        return URL(fileURLWithPath: absolute).standardizedFileURL.path
    }
}
