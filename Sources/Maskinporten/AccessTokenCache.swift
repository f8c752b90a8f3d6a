public import Logging

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// Keeps one access token fresh for many concurrent users: the Maskinporten token, or the Altinn token.
///
/// A token is reused until fewer than its refresh margin remain before its expiry (read from the token's
/// own JWT `exp`, see ``AccessToken``): ``refreshMargin``, or a quarter of the token's lifetime when that is
/// less, so that a short-lived token is used for most of its life rather than replaced on every request. Refreshes are single-flight: callers arriving while one runs wait
/// for it and share its result, so a burst of requests causes one token request. After a 401 the caller
/// ``invalidate(_:)``s the token it used and asks again. With a ``TokenCacheFile`` the token also survives
/// between runs.
public actor AccessTokenCache {
    /// How long before expiry a token is replaced, at most (see ``margin(for:)``).
    public nonisolated let refreshMargin: TimeInterval
    private let file: TokenCacheFile?
    private let now: @Sendable () -> Date
    private let fetch: @Sendable () async throws -> AccessToken
    private let logger: Logger

    private var current: AccessToken?
    private var fileConsulted = false
    private var refresh: Refresh?
    private var nextID: UInt64 = 0

    /// The refresh under way and the callers waiting for it.
    private struct Refresh {
        let id: UInt64
        let task: Task<Void, Never>
        var waiters: [UInt64: CheckedContinuation<AccessToken, any Error>] = [:]
    }

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

    /// A token with more than its margin left (``margin(for:)``), fetching one if needed.
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
        try Task.checkCancellation()
        nextID += 1
        let waiter = nextID
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                wait(waiter, continuation)
            }
        } onCancel: {
            Task { await self.leave(waiter) }
        }
    }

    /// Forgets the cached token (and the file's) so that the next ``token()`` fetches a new one.
    ///
    /// - Parameter token: the token that was refused; when given, the cache is dropped only if it still
    ///   holds that token (compared by value), so that two callers refused at once do not throw away a newer
    ///   one.
    public func invalidate(_ token: AccessToken? = nil) {
        if let token, let current, current.value != token.value { return }
        current = nil
        fileConsulted = true
        file?.remove()
    }

    private func isFresh(_ token: AccessToken) -> Bool {
        token.remainingLifetime(at: now()) > margin(for: token)
    }

    /// How long before its expiry `token` is replaced: ``refreshMargin``, scaled down to a quarter of the
    /// token's lifetime when that is shorter (60 s of a 30-minute token, 5 s of a 20 s one).
    public nonisolated func margin(for token: AccessToken) -> TimeInterval {
        guard let lifetime = token.lifetime else { return refreshMargin }
        return min(refreshMargin, lifetime / 4)
    }

    /// Adds a waiter to the refresh under way, starting one if none is.
    private func wait(_ waiter: UInt64, _ continuation: CheckedContinuation<AccessToken, any Error>) {
        if refresh == nil {
            nextID += 1
            let id = nextID
            let fetch = self.fetch
            let task = Task {
                let result: Result<AccessToken, any Error>
                do {
                    result = .success(try await fetch())
                } catch {
                    result = .failure(error)
                }
                self.finish(id, result)
            }
            refresh = Refresh(id: id, task: task)
        }
        refresh?.waiters[waiter] = continuation
    }

    /// A waiter was cancelled: it leaves at once, and when nobody waits any more the refresh is cancelled
    /// too, which aborts its requests.
    private func leave(_ waiter: UInt64) {
        guard let continuation = refresh?.waiters.removeValue(forKey: waiter) else { return }
        continuation.resume(throwing: CancellationError())
        if let abandoned = refresh, abandoned.waiters.isEmpty {
            abandoned.task.cancel()
            refresh = nil
        }
    }

    private func finish(_ id: UInt64, _ result: Result<AccessToken, any Error>) {
        guard let finished = refresh, finished.id == id else { return }
        refresh = nil
        if case .success(let token) = result {
            current = token
            save(token)
        }
        for continuation in finished.waiters.values { continuation.resume(with: result) }
    }

    private func save(_ token: AccessToken) {
        guard let file else { return }
        do {
            try file.save(token)
        } catch {
            logger.warning(
                "could not write the token cache file", metadata: ["file": "\(file.path)", "error": "\(error)"])
        }
    }
}
