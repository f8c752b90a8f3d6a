public import CurlHTTP
public import Logging

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// Fetches access tokens from Maskinporten with signed JWT grants (RFC 7523).
///
/// Every attempt carries a freshly signed grant with a new `jti` (Maskinporten refuses a reused one with
/// MP-012), so the retries are done here rather than by the transport: network failures, timeouts, 429
/// and 5xx are retried with backoff under ``retry``; 4xx answers are final.
public struct MaskinportenClient: Sendable {
    /// What to ask for and where.
    public let configuration: MaskinportenConfiguration
    /// The key that signs grants, and how grants name it.
    public let identity: SigningIdentity
    /// How token requests are retried.
    public var retry: RetryPolicy
    /// The overall time limit of one token request.
    public var requestDeadline: Duration
    private let httpClient: HTTPClient
    let now: @Sendable () -> Date

    /// The largest token response read.
    static let responseLimit = 256 * 1024

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - httpClient: the transport; its own retry policy is bypassed for token requests.
    ///   - now: the clock for `iat`/`exp` and for clock-skew measurement; injectable for tests.
    public init(
        configuration: MaskinportenConfiguration,
        identity: SigningIdentity,
        httpClient: HTTPClient,
        retry: RetryPolicy = RetryPolicy(maxAttempts: 4, maxTotalWait: .seconds(60)),
        requestDeadline: Duration = .seconds(30),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.configuration = configuration
        self.identity = identity
        self.httpClient = httpClient
        self.retry = retry
        self.requestDeadline = requestDeadline
        self.now = now
    }

    /// Requests a token.
    ///
    /// - Throws: ``MaskinportenError`` (``MaskinportenError/isTransient`` tells a refusal from an outage),
    ///   `CancellationError`, or an error from signing the grant.
    public func fetchToken(logger: Logger = HTTPClient.silentLogger) async throws -> MaskinportenToken {
        var attempt = 0
        var waited = Duration.zero
        while true {
            attempt += 1
            let grant = try MaskinportenGrant(
                configuration: configuration, identification: identity.identification, now: now()
            ).signed(with: identity.key)
            logger.debug(
                "requesting Maskinporten token",
                metadata: [
                    "maskinporten.endpoint": "\(configuration.tokenEndpoint.absoluteString)",
                    "maskinporten.jti": "\(grant.jti)", "maskinporten.attempt": "\(attempt)",
                ])
            do {
                let response = try await httpClient.send(tokenRequest(grant), bodyLimit: Self.responseLimit)
                return try TokenResponseParser.parse(response, receivedAt: now(), attempts: attempt)
            } catch let error as HTTPError {
                if let wait = retry.delay(
                    afterAttempt: attempt, failure: error, isSafeToRetry: true, waitedSoFar: waited)
                {
                    logger.notice(
                        "retrying Maskinporten token request",
                        metadata: [
                            "maskinporten.error": "\(error)", "maskinporten.attempt": "\(attempt)",
                            "maskinporten.retry_in_seconds": "\(wait.seconds.decimalText(digits: 1))",
                        ])
                    try await Task.sleep(for: wait)
                    waited += wait
                    continue
                }
                throw TokenResponseParser.failure(
                    error, receivedAt: now(), attempts: attempt, identification: identity.identification)
            }
        }
    }

    /// The token request for one signed grant.
    func tokenRequest(_ grant: SignedGrant) -> HTTPRequest {
        let body =
            "grant_type=" + FormEncoding.escape("urn:ietf:params:oauth:grant-type:jwt-bearer")
            + "&assertion=" + FormEncoding.escape(grant.compact)
        var request = HTTPRequest(
            method: .post,
            url: configuration.tokenEndpoint,
            headers: ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"],
            body: Data(body.utf8),
            deadline: requestDeadline,
            isSafeToRetry: false)
        // Every attempt needs a fresh grant (a jti is good once), so the retries are this client's.
        request.isRetriedByCaller = true
        return request
    }
}
