public import CurlHTTP
public import Logging
public import Maskinporten

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// Obtains and keeps the Altinn token: a Maskinporten token exchanged at
/// `<platform>/authentication/api/v1/exchange/maskinporten`.
///
/// Both tokens are cached separately, each until 60 s before its own `exp` (a quarter of its lifetime for a
/// token shorter than 4 minutes; Altinn checks expiry with zero clock skew); refreshes are single-flight. The
/// Altinn token can also be kept in a file (mode 0600), so that a run every minute reuses it instead of asking
/// Maskinporten each time.
public final class AltinnAuthenticator: AltinnTokenSource {
    private let altinn: AccessTokenCache
    private let maskinporten: AccessTokenCache

    /// Creates an authenticator.
    ///
    /// - Parameters:
    ///   - maskinporten: the Maskinporten token cache (see `MaskinportenClient.makeTokenCache`).
    ///   - cacheFile: where to keep the Altinn token between runs, or nil.
    public init(
        http: HTTPClient, endpoints: AltinnEndpoints, maskinporten: AccessTokenCache, cacheFile: TokenCacheFile?,
        logger: Logger, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.maskinporten = maskinporten
        let exchange = TokenExchange(
            http: http, url: endpoints.tokenExchange, maskinporten: maskinporten, logger: logger)
        altinn = AccessTokenCache(refreshMargin: 60, file: cacheFile, logger: logger, now: now) {
            try await exchange.exchange()
        }
    }

    /// A valid Altinn token. Every failure but cancellation is an ``AuthenticationError``.
    public func altinnToken() async throws -> String {
        do {
            return try await altinn.token().value
        } catch let error as AuthenticationError {
            throw error
        } catch let error as MaskinportenError {
            throw AuthenticationError(step: .maskinporten, message: "\(error)", isTransient: error.isTransient)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw AuthenticationError(step: .key, message: "\(error)", isTransient: false)
        }
    }

    /// Drops `token` after Altinn refused it.
    public func invalidate(_ token: String) async {
        await altinn.invalidate(AccessToken(value: token, expiresIn: nil, receivedAt: Date()))
    }

    /// The claims of the current Altinn token, for diagnostics (`altinn-sync check`).
    public func currentClaims() async throws -> AltinnTokenClaims {
        try AltinnTokenClaims(token: try await altinnToken())
    }
}
