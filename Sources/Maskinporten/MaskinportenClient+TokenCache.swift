public import CurlHTTP
public import Logging

extension MaskinportenClient {
    /// A token cache that fetches Maskinporten tokens with this client.
    ///
    /// Each fetch logs a warning when the host clock differs from Maskinporten's by more than
    /// ``MaskinportenToken/clockSkewWarningThreshold``: grants are refused at 10 s, and Altinn's APIs allow
    /// tokens no clock skew at all.
    ///
    /// - Parameter file: an optional on-disk cache; key it with ``MaskinportenConfiguration/cacheKey``.
    public func makeTokenCache(
        refreshMargin: Double = 60, file: TokenCacheFile? = nil, logger: Logger = HTTPClient.silentLogger
    ) -> AccessTokenCache {
        let client = self
        return AccessTokenCache(refreshMargin: refreshMargin, file: file, logger: logger, now: now) {
            let result = try await client.fetchToken(logger: logger)
            if result.isClockSkewed, let offset = result.clockOffset {
                // The metadata keeps the sign: Maskinporten's clock minus the host's (positive: host behind).
                logger.warning(
                    "\(offset); check NTP",
                    metadata: ["maskinporten.clock_skew_seconds": "\(Int(offset.seconds.rounded()))"])
            }
            logger.debug("obtained Maskinporten token", metadata: ["token.expires": "\(result.token.expiresAt)"])
            return result.token
        }
    }
}
