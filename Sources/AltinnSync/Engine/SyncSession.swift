public import AltinnAPI
public import CurlHTTP
public import Foundation
public import Logging
public import Maskinporten

/// Everything one process needs to talk to Altinn, built from the configuration: the HTTP client, the
/// signing key, the Maskinporten and Altinn token caches, and the Altinn client.
public struct SyncSession: Sendable {
    /// The configuration.
    public let configuration: SyncConfiguration
    /// The bases and URL rules.
    public let endpoints: AltinnEndpoints
    /// The HTTP transport.
    public let http: HTTPClient
    /// The signing key and how Maskinporten knows it.
    public let identity: SigningIdentity
    /// The Maskinporten client.
    public let maskinporten: MaskinportenClient
    /// The Altinn token source.
    public let authenticator: AltinnAuthenticator
    /// The Altinn client.
    public let client: AltinnClient

    /// Builds a session. Throws ``RunAbort`` of kind `configuration` when the key cannot be used.
    ///
    /// - Parameter environment: the process environment (key passwords, proxies).
    public init(
        configuration: SyncConfiguration, environment: [String: String], logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws(RunAbort) {
        self.configuration = configuration
        do {
            endpoints = try AltinnEndpoints(environment: configuration.environment, org: configuration.org)
        } catch {
            throw RunAbort(.configuration, "\(configuration.file): endpoints: \(error.detail)")
        }
        identity = try Self.loadKey(configuration.maskinporten.key, environment: environment, now: now())
        for warning in identity.warnings {
            logger.warning("\(warning.message)", metadata: ["key.file": "\(configuration.maskinporten.key.file)"])
        }
        http = HTTPClient(configuration: configuration.httpClientConfiguration(environment: environment))
        let settings = configuration.maskinporten
        let mpConfiguration = MaskinportenConfiguration(
            issuer: endpoints.maskinportenIssuer, clientID: settings.clientId, scopes: settings.scopes,
            resources: settings.resource, consumerOrg: settings.consumerOrg)
        maskinporten = MaskinportenClient(
            configuration: mpConfiguration, identity: identity, httpClient: http, now: now)
        let cacheFile =
            configuration.tokenCache
            ? TokenCacheFile(
                path: StateStore(directory: configuration.stateDirectory).tokenCachePath,
                key: "altinn|\(endpoints.platform.absoluteString)|\(mpConfiguration.cacheKey)")
            : nil
        authenticator = AltinnAuthenticator(
            http: http, endpoints: endpoints, maskinporten: maskinporten.makeTokenCache(logger: logger),
            cacheFile: cacheFile, logger: logger, now: now)
        client = AltinnClient(http: http, endpoints: endpoints, tokens: authenticator, logger: logger)
    }

    /// Loads the signing key, reading a password from the environment variable the configuration names.
    static func loadKey(
        _ key: SyncConfiguration.KeySettings, environment: [String: String], now: Date
    ) throws(RunAbort) -> SigningIdentity {
        let source: KeySource
        switch key {
        case .pem(let file, let kid, let passwordEnv):
            var password: String?
            if let passwordEnv {
                password = environment[passwordEnv]
                guard password != nil else {
                    throw RunAbort(
                        .configuration,
                        "maskinporten.key.passwordEnv: the environment variable \(passwordEnv) is not set; "
                            + "it must hold the password of \(file)")
                }
            }
            source = .pem(file: file, kid: kid, password: password)
        case .pkcs12(let file, let passwordEnv):
            guard let password = environment[passwordEnv] else {
                throw RunAbort(
                    .configuration,
                    "maskinporten.key.passwordEnv: the environment variable \(passwordEnv) is not set; "
                        + "it must hold the password of \(file)")
            }
            source = .pkcs12(file: file, password: password)
        case .jwk(let file, let kid):
            source = .jwk(file: file, kid: kid)
        }
        do {
            return try SigningIdentity.load(source, now: now)
        } catch {
            throw RunAbort(.configuration, "maskinporten.key: \(error)")
        }
    }

    /// Takes the run lock, runs the engine, and releases the lock.
    public func sync(
        options: RunOptions, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }
    ) async
        -> RunReport
    {
        let store = StateStore(directory: configuration.stateDirectory)
        var lock: RunLock?
        if !(options.dryRun && !FileManager.default.fileExists(atPath: store.directory)) {
            do {
                try store.prepare()
                lock = try store.lock()
            } catch let failure as RunLock.Failure {
                var report = RunReport()
                if case .held = failure {
                    report.abort = RunAbort(.locked, "\(failure)")
                } else {
                    report.abort = RunAbort(.localStorage, "\(failure)")
                }
                logger.error("\(failure)")
                return report
            } catch {
                var report = RunReport()
                report.abort = RunAbort(.localStorage, "cannot prepare the state folder: \(error)")
                logger.error("cannot prepare the state folder", metadata: ["error": "\(error)"])
                return report
            }
        }
        let engine = SyncEngine(
            configuration: configuration, endpoints: endpoints, gateway: client, logger: logger, now: now)
        let report = await engine.run(options: options)
        withExtendedLifetime(lock) {}
        return report
    }
}
