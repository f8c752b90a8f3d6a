import Foundation
import Synchronization
import Testing

@testable import Maskinporten

/// Counts calls and hands out numbered tokens that expire `lifetime` seconds after the clock's now.
final class TokenSource: Sendable {
    let clock: TestClock
    let lifetime: TimeInterval
    let delay: Duration
    private let count = Mutex(0)
    private let failNext = Mutex(false)

    init(clock: TestClock, lifetime: TimeInterval = 600, delay: Duration = .zero) {
        self.clock = clock
        self.lifetime = lifetime
        self.delay = delay
    }

    var calls: Int { count.withLock { $0 } }

    func failOnce() { failNext.withLock { $0 = true } }

    struct Failure: Error {}

    func fetch() async throws -> AccessToken {
        let number = count.withLock { value -> Int in
            value += 1
            return value
        }
        if delay > .zero { try await Task.sleep(for: delay) }
        if failNext.withLock({ value -> Bool in
            defer { value = false }
            return value
        }) {
            throw Failure()
        }
        let exp = Int(clock.now.timeIntervalSince1970 + lifetime)
        let jwt = try unsignedJWT(["exp": exp, "n": number, "jti": UUID().uuidString])
        // expires_in disagrees with exp on purpose: the JWT's own exp must win.
        return AccessToken(value: jwt, expiresIn: 3600, receivedAt: clock.now)
    }
}

@Suite struct AccessTokenCacheTests {
    let clock = TestClock()

    func cache(_ source: TokenSource, file: TokenCacheFile? = nil) -> AccessTokenCache {
        AccessTokenCache(file: file, now: clock.function, fetch: { try await source.fetch() })
    }

    @Test func expiryComesFromTheJWTNotExpiresIn() async throws {
        let source = TokenSource(clock: clock, lifetime: 300)
        let token = try await cache(source).token()
        #expect(token.expiresAt == clock.now.addingTimeInterval(300))
    }

    @Test func expiresInIsTheFallbackForOpaqueTokens() {
        let token = AccessToken(value: "opaque", expiresIn: 119, receivedAt: clock.now)
        #expect(token.expiresAt == clock.now.addingTimeInterval(119))
    }

    @Test func tokenIsReusedUntilSixtySecondsRemain() async throws {
        let source = TokenSource(clock: clock, lifetime: 300)
        let cache = cache(source)
        let first = try await cache.token()
        clock.advance(by: 239)  // 61 s left
        #expect(try await cache.token() == first)
        #expect(source.calls == 1)
        clock.advance(by: 2)  // 59 s left
        let second = try await cache.token()
        #expect(second != first)
        #expect(source.calls == 2)
        #expect(try await cache.token() == second)
        #expect(source.calls == 2)
    }

    @Test func aShortLivedTokenIsUsedForThreeQuartersOfItsLife() async throws {
        // A fixed 60 s margin would replace a 20 s token on every request.
        let source = TokenSource(clock: clock, lifetime: 20)
        let cache = cache(source)
        let first = try await cache.token()
        clock.advance(by: 14)  // 6 s left, more than a quarter of 20
        #expect(try await cache.token() == first)
        #expect(source.calls == 1)
        clock.advance(by: 2)  // 4 s left
        #expect(try await cache.token() != first)
        #expect(source.calls == 2)
    }

    @Test(arguments: [(20.0, 5.0), (120, 30), (240, 60), (1800, 60)])
    func theMarginIsAQuarterOfTheLifetimeAndAtMostTheConfiguredOne(lifetime: Double, margin: Double) throws {
        let issued = Int(clock.now.timeIntervalSince1970)
        let jwt = try unsignedJWT(["iat": issued, "exp": issued + Int(lifetime)])
        // Read back from a token cache file, a token knows its time of issue only from its own iat.
        let token = AccessToken(value: jwt, expiresAt: clock.now.addingTimeInterval(lifetime))
        #expect(token.lifetime == lifetime)
        #expect(AccessTokenCache(refreshMargin: 60, fetch: { token }).margin(for: token) == margin)
        #expect(
            AccessTokenCache(refreshMargin: 60, fetch: { token }).margin(
                for: AccessToken(value: "opaque", expiresAt: clock.now)) == 60)
    }

    @Test func concurrentCallersShareOneRefresh() async throws {
        let source = TokenSource(clock: clock, delay: .milliseconds(200))
        let cache = cache(source)
        let tokens = try await withThrowingTaskGroup(of: AccessToken.self) { group in
            for _ in 0..<20 { group.addTask { try await cache.token() } }
            return try await group.reduce(into: [AccessToken]()) { $0.append($1) }
        }
        #expect(tokens.count == 20)
        #expect(Set(tokens.map(\.value)).count == 1)
        #expect(source.calls == 1)
    }

    @Test func failedRefreshReachesEveryWaiterAndIsRetriedNextTime() async throws {
        let source = TokenSource(clock: clock, delay: .milliseconds(100))
        source.failOnce()
        let cache = cache(source)
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<5 { group.addTask { (try? await cache.token()) != nil } }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results == [false, false, false, false, false])
        #expect(source.calls == 1)
        _ = try await cache.token()
        #expect(source.calls == 2)
    }

    @Test func invalidateForcesARefresh() async throws {
        let source = TokenSource(clock: clock)
        let cache = cache(source)
        let first = try await cache.token()
        await cache.invalidate(first)
        let second = try await cache.token()
        #expect(second != first)
        #expect(source.calls == 2)
        // A late invalidation for the old token keeps the new one.
        await cache.invalidate(first)
        #expect(try await cache.token() == second)
        #expect(source.calls == 2)
        await cache.invalidate()
        _ = try await cache.token()
        #expect(source.calls == 3)
    }

    @Test func fileCacheIsSharedAcrossInstancesWithMode0600() async throws {
        let directory = try TestKeys.temporaryDirectory()
        let path = directory.appendingPathComponent("token.json").path
        let file = TokenCacheFile(path: path, key: "client|scopes|tt02")
        let firstSource = TokenSource(clock: clock)
        let first = try await cache(firstSource, file: file).token()

        var status = stat()
        #expect(stat(path, &status) == 0)
        #expect(status.st_mode & 0o777 == 0o600)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(leftovers == ["token.json"])

        let secondSource = TokenSource(clock: clock)
        let reused = try await cache(secondSource, file: file).token()
        #expect(reused == first)
        #expect(secondSource.calls == 0)

        // Another key (another client, scope set or environment) does not see it.
        let otherSource = TokenSource(clock: clock)
        let other = try await cache(otherSource, file: TokenCacheFile(path: path, key: "other")).token()
        #expect(other != first)
        #expect(otherSource.calls == 1)
    }

    @Test func staleFileTokenIsNotUsed() async throws {
        let path = try TestKeys.temporaryDirectory().appendingPathComponent("token.json").path
        let file = TokenCacheFile(path: path, key: "k")
        try file.save(AccessToken(value: "old", expiresAt: clock.now.addingTimeInterval(30)))
        let source = TokenSource(clock: clock)
        let token = try await cache(source, file: file).token()
        #expect(token.value != "old")
        #expect(source.calls == 1)
        #expect(file.load() == token)
    }

    @Test(arguments: ["", "not json", #"{"key":"k","token":42}"#, #"{"key":"k"}"#])
    func corruptFileIsIgnoredAndReplaced(contents: String) async throws {
        let path = try TestKeys.temporaryDirectory().appendingPathComponent("token.json").path
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        let file = TokenCacheFile(path: path, key: "k")
        #expect(file.load() == nil)
        let source = TokenSource(clock: clock)
        let token = try await cache(source, file: file).token()
        #expect(source.calls == 1)
        #expect(file.load() == token)
    }

    @Test func invalidateRemovesTheFile() async throws {
        let path = try TestKeys.temporaryDirectory().appendingPathComponent("token.json").path
        let file = TokenCacheFile(path: path, key: "k")
        let cache = cache(TokenSource(clock: clock), file: file)
        _ = try await cache.token()
        #expect(FileManager.default.fileExists(atPath: path))
        await cache.invalidate()
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func unwritableFileIsNotFatal() async throws {
        let file = TokenCacheFile(path: "/nonexistent-folder/token.json", key: "k")
        let source = TokenSource(clock: clock)
        _ = try await cache(source, file: file).token()
        #expect(source.calls == 1)
        #expect(throws: TokenCacheFileError.self) { try file.save(AccessToken(value: "v", expiresAt: Date())) }
    }
}
