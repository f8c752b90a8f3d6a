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
    /// - Parameter cacheTokens: whether the configured token cache file may be used (a dry run writes nothing).
    public init(
        configuration: SyncConfiguration, environment: [String: String], logger: Logger, cacheTokens: Bool = true,
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
            configuration.tokenCache && cacheTokens
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
        func password(_ variable: String, for file: String) throws(RunAbort) -> String {
            guard let value = environment[variable] else {
                throw RunAbort(
                    .configuration,
                    "maskinporten.key.passwordEnv: the environment variable \(variable) is not set; it must hold "
                        + "the password of \(file)")
            }
            return value
        }
        let source: KeySource
        switch key {
        case .pem(let file, let kid, let passwordEnv):
            var secret: String?
            if let passwordEnv { secret = try password(passwordEnv, for: file) }
            source = .pem(file: file, kid: kid, password: secret)
        case .pkcs12(let file, let passwordEnv):
            source = .pkcs12(file: file, password: try password(passwordEnv, for: file))
        case .jwk(let file, let kid):
            source = .jwk(file: file, kid: kid)
        }
        do {
            return try SigningIdentity.load(source, now: now)
        } catch {
            throw RunAbort(.configuration, "maskinporten.key: \(error)")
        }
    }
}
