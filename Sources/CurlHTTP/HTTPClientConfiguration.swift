/// Settings shared by every request of one ``HTTPClient``.
public struct HTTPClientConfiguration: Sendable {
    /// Connect, stall and API deadline limits.
    public var timeouts: HTTPTimeouts
    /// Retry budget and backoff.
    public var retry: RetryPolicy
    /// A PEM bundle of trusted CA certificates, replacing the system's; nil uses the system's.
    public var caFile: String?
    /// Proxies to use.
    public var proxy: ProxySettings
    /// The most redirects followed for one request.
    public var maxRedirects: Int
    /// The `User-Agent` header value.
    public var userAgent: String
    /// The most connections open to one host at a time; 0 means no limit.
    public var maxConnectionsPerHost: Int
    /// The most transfers running at once, whatever the host or protocol; the others wait in the order they
    /// were sent and each starts the moment a running one ends. 0 means no limit.
    public var maxRunningTransfers: Int

    /// Creates a configuration; the defaults suit Altinn's APIs.
    public init(
        timeouts: HTTPTimeouts = HTTPTimeouts(),
        retry: RetryPolicy = RetryPolicy(),
        caFile: String? = nil,
        proxy: ProxySettings = .direct,
        maxRedirects: Int = 5,
        userAgent: String = "altinn-sync",
        maxConnectionsPerHost: Int = 0,
        maxRunningTransfers: Int = 0
    ) {
        self.timeouts = timeouts
        self.retry = retry
        self.caFile = caFile
        self.proxy = proxy
        self.maxRedirects = maxRedirects
        self.userAgent = userAgent
        self.maxConnectionsPerHost = maxConnectionsPerHost
        self.maxRunningTransfers = maxRunningTransfers
    }
}
