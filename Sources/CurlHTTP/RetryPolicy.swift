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

/// When and how often a failed request is sent again.
///
/// Transient failures (connection errors, timeouts, 5xx, 429) of requests that are safe to retry are
/// retried with exponential backoff and jitter, honouring `Retry-After`, within a budget of attempts and
/// of total waiting time.
public struct RetryPolicy: Sendable, Equatable {
    /// The most attempts for one request, the first included. 1 disables retries.
    public var maxAttempts: Int
    /// The wait before the second attempt; each later wait doubles.
    public var initialBackoff: Duration
    /// The longest computed wait between attempts.
    public var maxBackoff: Duration
    /// The longest `Retry-After` the transport will honour; a server asking for more ends the retries.
    public var maxRetryAfter: Duration
    /// The most total waiting across all attempts of one request.
    public var maxTotalWait: Duration

    /// Creates a policy. The defaults suit API calls to Altinn and Maskinporten.
    public init(
        maxAttempts: Int = 5,
        initialBackoff: Duration = .milliseconds(500),
        maxBackoff: Duration = .seconds(30),
        maxRetryAfter: Duration = .seconds(120),
        maxTotalWait: Duration = .seconds(300)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.maxRetryAfter = maxRetryAfter
        self.maxTotalWait = maxTotalWait
    }

    /// A policy that never retries.
    public static let never = RetryPolicy(maxAttempts: 1)

    /// The wait before attempt `attempt + 1` after attempt `attempt` (1-based) failed with `error`, or nil
    /// when the request must not be retried.
    ///
    /// - Parameters:
    ///   - waitedSoFar: the total of earlier waits for this request, counted against ``maxTotalWait``.
    ///   - now: the current time, for `Retry-After` given as an HTTP date.
    ///   - random: a value in `0..<1` for jitter; injectable so tests are deterministic.
    public func delay(
        afterAttempt attempt: Int, failure error: HTTPError, isSafeToRetry: Bool, waitedSoFar: Duration,
        now: Date = Date(), random: Double = Double.random(in: 0..<1)
    ) -> Duration? {
        guard isSafeToRetry || error.requestWasNotSent, error.isTransient, attempt < maxAttempts else { return nil }
        var wait: Duration
        if let header = error.headers["Retry-After"], let requested = Self.retryAfter(header, now: now) {
            guard requested <= maxRetryAfter else { return nil }
            wait = requested
        } else {
            let exponent = Double(min(attempt - 1, 30))
            let ceiling = min(maxBackoff.seconds, initialBackoff.seconds * pow(2, exponent))
            // "Equal jitter": at least half the computed wait, so retries never bunch at zero.
            wait = .seconds(ceiling / 2 + ceiling / 2 * random)
        }
        guard waitedSoFar + wait <= maxTotalWait else { return nil }
        return wait
    }

    /// The wait a `Retry-After` value asks for: delta-seconds or an HTTP date; nil when unparseable.
    public static func retryAfter(_ value: String, now: Date = Date()) -> Duration? {
        let trimmed = value.trimming(.whitespaces)
        if let seconds = Int(trimmed), seconds >= 0 { return .seconds(seconds) }
        guard let date = HTTPDate.parse(trimmed) else { return nil }
        return .seconds(max(0, date.timeIntervalSince(now)))
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    public var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
