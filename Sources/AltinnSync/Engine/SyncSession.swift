public import AltinnAPI
public import CurlHTTP
public import Logging
public import Maskinporten

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// The bundle of clients one process needs to talk to Altinn, built from the configuration: the HTTP client,
/// the signing key, the Maskinporten and Altinn token caches, and the Altinn client. A run (``SyncRun``) is
/// given its ``client``.
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
        // Token requests are retried by the client (each attempt needs a fresh grant), as often as any request.
        maskinporten = MaskinportenClient(
            configuration: mpConfiguration, identity: identity, httpClient: http,
            retry: RetryPolicy(maxAttempts: configuration.http.maxAttempts, maxTotalWait: .seconds(60)), now: now)
        let cacheFile =
            configuration.tokenCache && cacheTokens
            ? TokenCacheFile(
                path: StateStore(directory: configuration.stateDirectory).tokenCachePath,
                key:
                    "altinn|\(endpoints.platform.absoluteString)|\(mpConfiguration.cacheKey)|\(Self.keyFingerprint(identity))"
            )
            : nil
        authenticator = AltinnAuthenticator(
            http: http, endpoints: endpoints, maskinporten: maskinporten.makeTokenCache(logger: logger),
            cacheFile: cacheFile, logger: logger, now: now)
        client = AltinnClient(http: http, endpoints: endpoints, tokens: authenticator, logger: logger)
    }

    /// The SHA-256 of the signing key's public half: a cached token is reused only with the key that earned
    /// it, so a changed key (or kid) is tried at once rather than after the cached token expires.
    static func keyFingerprint(_ identity: SigningIdentity) -> String {
        let der = (try? identity.key.publicKey().der()) ?? Data()
        var kid = ""
        if case .keyID(let id) = identity.identification { kid = id }
        return SHA256Digest.hex(of: der) + "|" + kid
    }

    /// Loads the signing key, reading a password from the environment variable the configuration names.
    static func loadKey(
        _ key: SyncConfiguration.KeySettings, environment: [String: String], now: Date
    ) throws(RunAbort) -> SigningIdentity {
        // The file first: a missing key is the more basic problem than a missing password.
        let file = try readablePath(key.file, environment: environment, members: ("file", "credential"))
        func password(_ source: SyncConfiguration.PasswordSource) throws(RunAbort) -> String {
            switch source {
            case .environment(let variable):
                guard let value = environment[variable] else {
                    throw RunAbort(
                        .configuration,
                        "maskinporten.key.passwordEnv: the environment variable \(variable) is not set; it must hold "
                            + "the password of \(key.file)")
                }
                return value
            case .file(let secret):
                let path = try readablePath(
                    secret, environment: environment, members: ("passwordFile", "passwordCredential"))
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                    throw RunAbort(.configuration, "maskinporten.key.passwordFile: cannot read \(path)")
                }
                return String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
            }
        }
        let source: KeySource
        switch key {
        case .pem(_, let kid, let secret):
            source = .pem(file: file, kid: kid, password: try secret.map { (s) throws(RunAbort) in try password(s) })
        case .pkcs12(_, let secret):
            source = .pkcs12(file: file, password: try password(secret))
        case .jwk(_, let kid):
            source = .jwk(file: file, kid: kid)
        }
        do {
            return try SigningIdentity.load(source, now: now)
        } catch {
            var message = "maskinporten.key: \(error)"
            switch key {
            case .pkcs12(_, let source), .pem(_, _, let source?):
                message += " (\(source.origin))"
            default:
                break
            }
            throw RunAbort(.configuration, message)
        }
    }

    /// The path of a key or password file; `members` name its configuration keys as a path and as a credential.
    private static func readablePath(
        _ secret: SecretFile, environment: [String: String], members: (path: String, credential: String)
    ) throws(RunAbort) -> String {
        do {
            return try secret.readablePath(environment: environment)
        } catch {
            let member = if case .credential = secret { members.credential } else { members.path }
            throw RunAbort(.configuration, "maskinporten.key.\(member): \(error.message)")
        }
    }
}
