import Foundation
import Synchronization
import Testing

@testable import Maskinporten

/// A stop signal cancels the run's task; a caller waiting for a token must leave at once, and a refresh that
/// nobody waits for any more is cancelled with it.
@Suite struct TokenCacheCancellationTests {
    @Test func aCancelledCallerLeavesAtOnceAndTheAbandonedRefreshIsCancelled() async throws {
        let fetchCancelled = Mutex(false)
        let cache = AccessTokenCache(fetch: {
            do {
                try await Task.sleep(for: .seconds(60))
            } catch {
                fetchCancelled.withLock { $0 = true }
                throw error
            }
            return AccessToken(value: "opaque", expiresAt: Date().addingTimeInterval(600))
        })
        let task = Task { try await cache.token() }
        try await Task.sleep(for: .milliseconds(200))
        let cancelled = ContinuousClock.now
        task.cancel()
        let result = await task.result
        #expect(ContinuousClock.now - cancelled < .seconds(20), "not the 60 s the refresh would take")
        #expect(throws: CancellationError.self) { try result.get() }
        try await Task.sleep(for: .milliseconds(200))
        #expect(fetchCancelled.withLock { $0 }, "nobody waits for it, so the refresh is cancelled")
    }

    @Test func oneCallerLeavingDoesNotCancelTheRefreshForTheOthers() async throws {
        let fetches = Mutex(0)
        let cache = AccessTokenCache(fetch: {
            fetches.withLock { $0 += 1 }
            try await Task.sleep(for: .seconds(3))
            return AccessToken(value: "shared", expiresAt: Date().addingTimeInterval(600))
        })
        let leaving = Task { try await cache.token() }
        let staying = Task { try await cache.token() }
        try await Task.sleep(for: .milliseconds(100))
        leaving.cancel()
        await #expect(throws: CancellationError.self) { try await leaving.value }
        #expect(try await staying.value.value == "shared")
        #expect(fetches.withLock { $0 } == 1)
        #expect(try await cache.token().value == "shared", "the result was kept")
    }

    @Test func invalidateComparesTokensByValue() async throws {
        let count = Mutex(0)
        let cache = AccessTokenCache(fetch: {
            let n = count.withLock { value in
                value += 1
                return value
            }
            // No exp in the token: the expiry comes from the fetch, not from the value.
            return AccessToken(value: "token-\(n)", expiresAt: Date().addingTimeInterval(600))
        })
        let first = try await cache.token()
        await cache.invalidate(AccessToken(value: first.value, expiresAt: Date()))
        #expect(try await cache.token().value == "token-2")
        await cache.invalidate(AccessToken(value: "token-1", expiresAt: Date()))
        #expect(try await cache.token().value == "token-2", "an older token's refusal keeps the newer one")
    }
}
