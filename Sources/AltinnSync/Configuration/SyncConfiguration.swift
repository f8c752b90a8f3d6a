public import AltinnAPI
public import CurlHTTP

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The validated configuration of altinn-sync (README, Configuration), with every default applied and every
/// path made absolute.
public struct SyncConfiguration: Sendable {
    /// The configuration file, absolute.
    public var file: String
    /// Where Maskinporten, the platform and the apps are.
    public var environment: AltinnEnvironment
    /// The service owner's org code, e.g. `ttd`.
    public var org: Org
    /// The apps to synchronise.
    public var apps: [AppID]
    /// Maskinporten client settings.
    public var maskinporten: MaskinportenSettings
    /// The archive folder.
    public var archiveDirectory: String
    /// The state folder (cursor, retry ledger, lock, token cache).
    public var stateDirectory: String
    /// Event types requested from the feed (`%` wildcards allowed).
    public var eventTypes: [String]
    /// Altinn requests in flight at once, shared by every app and instance.
    public var concurrency: Int
    /// Whether to confirm (`complete`) archived instances.
    public var confirm: Bool
    /// Which API instance documents and data come from.
    public var downloadFrom: DownloadSource
    /// Events per feed page.
    public var eventPageSize: Int
    /// Reconciliation through the Storage instance query.
    public var reconcile: ReconcileSettings
    /// Retries of failed instances across runs.
    public var retry: RetryLedger.Policy
    /// The HTTP transport.
    public var http: HTTPSettings
    /// Whether to keep tokens in `<stateDir>/token-cache.json` between runs.
    public var tokenCache: Bool
    /// Whether a `Pending` malware scan blocks archiving until the scan finishes.
    public var waitForPendingScans: Bool
    /// Where to write Prometheus metrics after each run, when set.
    public var metricsFile: String?
    /// The permissions of what is created in the archive.
    public var archiveModes = ArchiveModes()
    /// The `onArchived` hook, when set.
    public var hooks: HookSettings?
    /// Where a first run of an app starts.
    public var startAt = StartPoint.beginning

    /// The archive's paths.
    public var layout: ArchiveLayout { ArchiveLayout(root: archiveDirectory) }

    /// The archive writer for this archive and its modes.
    public var archiveWriter: ArchiveWriter { ArchiveWriter(layout: layout, modes: archiveModes) }

    /// The Maskinporten client.
    public struct MaskinportenSettings: Sendable, Equatable {
        /// The client id (`iss` of the grant).
        public var clientId: String
        /// Scopes requested.
        public var scopes: [String]
        /// The signing key.
        public var key: KeySettings
        /// Audience restriction (`resource` claim), when set.
        public var resource: [String]?
        /// The organisation number a supplier acts for (`consumer_org` claim), when set.
        public var consumerOrg: String?
    }

    /// Where the Maskinporten signing key is.
    public enum KeySettings: Sendable, Equatable {
        /// A PEM private key (PKCS#1 or PKCS#8) registered at Maskinporten under `kid`, with the password of an
        /// encrypted key when one is given.
        case pem(file: SecretFile, kid: String, password: PasswordSource?)
        /// A PKCS#12 business certificate and its password.
        case pkcs12(file: SecretFile, password: PasswordSource)
        /// A private RSA JWK (JSON, or base64 of it); `kid` overrides the JWK's own.
        case jwk(file: SecretFile, kid: String?)

        /// The key file (`file`) or systemd credential (`credential`).
        public var file: SecretFile {
            switch self {
            case .pem(let file, _, _), .pkcs12(let file, _), .jwk(let file, _): file
            }
        }
    }

    /// Where a key password comes from: never the configuration file itself, never the command line.
    public enum PasswordSource: Sendable, Equatable {
        /// The environment variable of this name (`passwordEnv`).
        case environment(String)
        /// The first line of this file (`passwordFile`) or systemd credential (`passwordCredential`); a file should
        /// be readable by the service user only.
        case file(SecretFile)
    }

    /// Reconciliation settings.
    public struct ReconcileSettings: Sendable, Equatable {
        /// Whether `sync` reconciles when due.
        public var enabled: Bool
        /// How often `sync` reconciles each app.
        public var interval: Duration
        /// Instances per query page.
        public var pageSize: Int
    }

    /// HTTP transport settings.
    public struct HTTPSettings: Sendable, Equatable {
        /// Connect timeout.
        public var connectTimeout: Duration
        /// Stall timeout (no data for this long).
        public var stallTimeout: Duration
        /// Overall limit of one API call attempt.
        public var apiTimeout: Duration
        /// Attempts per request, the first included.
        public var maxAttempts: Int
        /// A CA bundle replacing the system's.
        public var caFile: String?
        /// A proxy for all requests, overriding the environment's.
        public var proxy: String?
        /// Hosts that bypass the proxy, overriding the environment's.
        public var noProxy: String?
    }

    /// The transport configuration these settings describe, with proxies resolved from `environment`.
    public func httpClientConfiguration(environment variables: [String: String]) -> HTTPClientConfiguration {
        HTTPClientConfiguration(
            timeouts: HTTPTimeouts(
                connect: http.connectTimeout, stall: http.stallTimeout, apiDeadline: http.apiTimeout),
            retry: RetryPolicy(maxAttempts: http.maxAttempts),
            caFile: http.caFile,
            proxy: ProxySettings.resolve(
                environment: variables, configuredProxy: http.proxy, configuredNoProxy: http.noProxy),
            userAgent: "altinn-sync/\(AltinnSyncVersion.current)",
            maxConnectionsPerHost: max(concurrency, 4), maxRunningTransfers: concurrency)
    }
}

/// The tool's version.
public enum AltinnSyncVersion {
    /// The version string.
    public static let current = "0.1.0"
}
