public import Foundation
public import Logging

/// Keeps one access token fresh for many concurrent users: the Maskinporten token, or the Altinn token.
///
/// A token is reused until fewer than ``refreshMargin`` remain before its expiry (read from the token's
/// own JWT `exp`, see ``AccessToken``). Refreshes are single-flight: callers arriving while one runs wait
/// for it and share its result, so a burst of requests causes one token request. After a 401 the caller
/// ``invalidate(_:)``s the token it used and asks again. With a ``TokenCacheFile`` the token also survives
/// between runs.
public actor AccessTokenCache {
    /// How long before expiry a token is replaced.
    public nonisolated let refreshMargin: TimeInterval
    private let file: TokenCacheFile?
    private let now: @Sendable () -> Date
    private let fetch: @Sendable () async throws -> AccessToken
    private let logger: Logger

    private var current: AccessToken?
    private var fileConsulted = false
    private var refresh: (id: UInt64, task: Task<AccessToken, any Error>)?
    private var nextRefreshID: UInt64 = 0

    /// Creates a cache.
    ///
    /// - Parameters:
    ///   - refreshMargin: seconds before expiry at which a token is replaced; 60 by default, because
    ///     Altinn's APIs validate tokens with zero clock skew.
    ///   - file: an optional on-disk cache, read once on first use and written after each refresh.
    ///   - now: the clock; injectable for tests.
    ///   - fetch: obtains a new token (a Maskinporten request, or an Altinn exchange).
    public init(
        refreshMargin: TimeInterval = 60,
        file: TokenCacheFile? = nil,
        logger: Logger = Logger(label: "Maskinporten", factory: { _ in SwiftLogNoOpLogHandler() }),
        now: @escaping @Sendable () -> Date = { Date() },
        fetch: @escaping @Sendable () async throws -> AccessToken
    ) {
        self.refreshMargin = refreshMargin
        self.file = file
        self.logger = logger
        self.now = now
        self.fetch = fetch
    }

    /// A token with more than ``refreshMargin`` left, fetching one if needed.
    ///
    /// A freshly fetched token is returned even if its whole lifetime is shorter than the margin: it is the
    /// best there is.
    public func token() async throws -> AccessToken {
        if let current, isFresh(current) { return current }
        if !fileConsulted {
            fileConsulted = true
            if let stored = file?.load(), isFresh(stored) {
                logger.debug("using cached token from file", metadata: ["token.expires": "\(stored.expiresAt)"])
                current = stored
                return stored
            }
        }
        if let refresh { return try await refresh.task.value }
        return try await startRefresh()
    }

    /// Forgets the cached token (and the file's) so that the next ``token()`` fetches a new one.
    ///
    /// - Parameter token: the token that was refused; when given, the cache is dropped only if it still
    ///   holds that token, so that two callers refused at once do not throw away a newer one.
    public func invalidate(_ token: AccessToken? = nil) {
        if let token, let current, current != token { return }
        current = nil
        fileConsulted = true
        file?.remove()
    }

    private func isFresh(_ token: AccessToken) -> Bool {
        token.remainingLifetime(at: now()) > refreshMargin
    }

    private func startRefresh() async throws -> AccessToken {
        nextRefreshID += 1
        let id = nextRefreshID
        let fetch = self.fetch
        let task = Task { try await fetch() }
        refresh = (id, task)
        do {
            let token = try await task.value
            finishRefresh(id, with: token)
            return token
        } catch {
            if refresh?.id == id { refresh = nil }
            throw error
        }
    }

    private func finishRefresh(_ id: UInt64, with token: AccessToken) {
        guard refresh?.id == id else { return }
        refresh = nil
        current = token
        guard let file else { return }
        do {
            try file.save(token)
        } catch {
            logger.warning(
                "could not write the token cache file", metadata: ["file": "\(file.path)", "error": "\(error)"])
        }
    }
}
