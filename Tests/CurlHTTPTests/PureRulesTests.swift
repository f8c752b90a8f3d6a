import Foundation
import Testing

@testable import CurlHTTP

@Suite struct HTTPDateTests {
    @Test(arguments: [
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
    ])
    func parsesTheThreeFormsOfRFC9110(text: String) throws {
        let date = try #require(HTTPDate.parse(text))
        #expect(date.timeIntervalSince1970 == 784_111_777)
    }

    @Test(arguments: ["", "yesterday", "Sun, 06 Nov 1994 08:49:37 CET", "Sun, 32 Nov 1994 08:49:37 GMT", "120"])
    func rejectsWhatIsNotAnHTTPDate(text: String) {
        #expect(HTTPDate.parse(text) == nil)
    }

    @Test func formatsIMFFixdateAndRoundTrips() throws {
        let date = Date(timeIntervalSince1970: 784_111_777)
        #expect(HTTPDate.format(date) == "Sun, 06 Nov 1994 08:49:37 GMT")
        let leapDay = Date(timeIntervalSince1970: 1_709_210_096)  // 2024-02-29T12:34:56Z
        #expect(HTTPDate.format(leapDay) == "Thu, 29 Feb 2024 12:34:56 GMT")
        #expect(HTTPDate.parse(HTTPDate.format(leapDay)) == leapDay)
    }
}

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(
        maxAttempts: 4, initialBackoff: .seconds(1), maxBackoff: .seconds(8), maxRetryAfter: .seconds(60),
        maxTotalWait: .seconds(100))
    let url = URL(string: "https://platform.altinn.no/x")!

    func failure(status: Int, retryAfter: String? = nil) -> HTTPError {
        var headers = HTTPHeaders()
        if let retryAfter { headers.add(name: "Retry-After", value: retryAfter) }
        return HTTPError(code: .status, url: url, status: status, headers: headers)
    }

    @Test func backsOffExponentiallyWithEqualJitterAndACap() {
        let error = HTTPError(code: .connectFailed, url: url)
        func wait(_ attempt: Int, _ random: Double) -> Double? {
            policy.delay(
                afterAttempt: attempt, failure: error, isSafeToRetry: true, waitedSoFar: .zero, random: random)?
                .seconds
        }
        #expect(wait(1, 0) == 0.5)
        #expect(wait(1, 0.999_999)! > 0.99)
        #expect(wait(2, 0) == 1)
        #expect(wait(3, 1) == 4)
        #expect(wait(4, 0) == nil, "the fourth attempt was the last")
        let capped = RetryPolicy(maxAttempts: 10, initialBackoff: .seconds(1), maxBackoff: .seconds(8))
        #expect(
            capped.delay(afterAttempt: 9, failure: error, isSafeToRetry: true, waitedSoFar: .zero, random: 1)
                == .seconds(8))
    }

    @Test func honoursRetryAfterInSecondsAndAsAnHTTPDate() {
        let now = Date(timeIntervalSince1970: 784_111_777)
        #expect(
            policy.delay(
                afterAttempt: 1, failure: failure(status: 503, retryAfter: "7"), isSafeToRetry: true,
                waitedSoFar: .zero, now: now) == .seconds(7))
        #expect(
            policy.delay(
                afterAttempt: 1, failure: failure(status: 429, retryAfter: "Sun, 06 Nov 1994 08:50:07 GMT"),
                isSafeToRetry: true, waitedSoFar: .zero, now: now) == .seconds(30))
    }

    @Test func givesUpWhenRetryAfterOrTheTotalWaitExceedsTheBudget() {
        #expect(
            policy.delay(
                afterAttempt: 1, failure: failure(status: 503, retryAfter: "3600"), isSafeToRetry: true,
                waitedSoFar: .zero) == nil)
        #expect(
            policy.delay(
                afterAttempt: 1, failure: failure(status: 503, retryAfter: "10"), isSafeToRetry: true,
                waitedSoFar: .seconds(95)) == nil)
    }

    @Test(arguments: [400, 401, 403, 404, 409, 410])
    func neverRetriesClientErrors(status: Int) {
        #expect(
            policy.delay(afterAttempt: 1, failure: failure(status: status), isSafeToRetry: true, waitedSoFar: .zero)
                == nil)
    }

    @Test(arguments: [429, 500, 502, 503, 504])
    func retriesServerErrorsAndThrottling(status: Int) {
        #expect(
            policy.delay(afterAttempt: 1, failure: failure(status: status), isSafeToRetry: true, waitedSoFar: .zero)
                != nil)
    }

    @Test func neverRetriesWhatIsNotSafeToRetry() {
        #expect(
            policy.delay(afterAttempt: 1, failure: failure(status: 503), isSafeToRetry: false, waitedSoFar: .zero)
                == nil)
    }
}

@Suite struct RedirectPolicyTests {
    let origin = URL(string: "https://platform.altinn.no/storage/api/v1/instances/1/2")!

    func request(_ method: HTTPMethod = .get) -> HTTPRequest {
        HTTPRequest(
            method: method, url: origin,
            headers: ["Authorization": "Bearer secret", "Cookie": "c=1", "Content-Type": "application/json"],
            body: method == .post ? Data("x".utf8) : nil)
    }

    @Test func dropsCredentialsOnACrossOriginHop() throws {
        for target in [
            "https://blob.example.net/file", "https://platform.altinn.no:8443/x", "https://PLATFORM.altinn.no.evil/x",
        ] {
            let next = try #require(try RedirectPolicy.nextRequest(after: request(), status: 302, location: target))
            #expect(next.headers["Authorization"] == nil, "\(target)")
            #expect(next.headers["Cookie"] == nil)
        }
    }

    @Test func keepsCredentialsOnTheSameOriginAndResolvesRelativeLocations() throws {
        let next = try #require(try RedirectPolicy.nextRequest(after: request(), status: 307, location: "../other"))
        #expect(next.url.absoluteString == "https://platform.altinn.no/storage/api/v1/instances/other")
        #expect(next.headers["Authorization"] == "Bearer secret")
        let explicitPort = try #require(
            try RedirectPolicy.nextRequest(after: request(), status: 301, location: "https://platform.altinn.no:443/y"))
        #expect(explicitPort.headers["Authorization"] == "Bearer secret")
    }

    @Test func turnsPostIntoGetOn303And302ButNotOn307() throws {
        let after303 = try #require(try RedirectPolicy.nextRequest(after: request(.post), status: 303, location: "/a"))
        #expect(after303.method == .get)
        #expect(after303.body == nil)
        #expect(after303.headers["Content-Type"] == nil)
        let after302 = try #require(try RedirectPolicy.nextRequest(after: request(.post), status: 302, location: "/a"))
        #expect(after302.method == .get)
        let after307 = try #require(try RedirectPolicy.nextRequest(after: request(.post), status: 307, location: "/a"))
        #expect(after307.method == .post)
        #expect(after307.body == Data("x".utf8))
    }

    @Test func refusesADowngradeToPlainHTTPAndAMissingLocation() {
        #expect(throws: HTTPError.self) {
            try RedirectPolicy.nextRequest(after: request(), status: 302, location: "http://platform.altinn.no/x")
        }
        #expect(throws: HTTPError.self) {
            try RedirectPolicy.nextRequest(after: request(), status: 302, location: nil)
        }
        #expect(throws: HTTPError.self) {
            try RedirectPolicy.nextRequest(after: request(), status: 302, location: "ftp://x/y")
        }
    }

    @Test func ignoresStatusesThatAreNotRedirects() throws {
        #expect(try RedirectPolicy.nextRequest(after: request(), status: 304, location: "/x") == nil)
        #expect(try RedirectPolicy.nextRequest(after: request(), status: 200, location: "/x") == nil)
    }
}

@Suite struct URLRulesTests {
    @Test(arguments: [
        ("https://platform.altinn.no/x", true), ("http://127.0.0.1:8080/x", true), ("http://localhost/x", true),
        ("http://[::1]:9/x", true), ("http://127.1.2.3/x", true), ("http://platform.altinn.no/x", false),
        ("http://127.0.0.1.example.com/x", false), ("http://10.0.0.1/x", false), ("file:///etc/passwd", false),
        ("ftp://127.0.0.1/x", false),
    ])
    func acceptsHTTPSAndLoopbackHTTPOnly(url: String, accepted: Bool) {
        let result = Result { try URLPolicy.check(URL(string: url)!) }
        #expect(((try? result.get()) != nil) == accepted, "\(url)")
    }

    @Test func redactsCredentialsAndSecretQueryValues() {
        let url = URL(string: "https://user:pw@platform.altinn.no/p?after=abc&access_token=SECRET&Sig=x#frag")!
        let text = RedactedURL.string(url)
        #expect(text == "https://platform.altinn.no/p?after=abc&access_token=***&Sig=***")
        let error = HTTPError(code: .status, url: url, status: 500)
        #expect(!error.description.contains("SECRET"))
        #expect(!error.description.contains("pw"))
    }

    @Test func resolvesProxiesFromTheEnvironmentWithConfigurationFirst() {
        let environment = [
            "HTTPS_PROXY": "http://proxy.corp:3128", "HTTP_PROXY": "http://evil:1", "NO_PROXY": "internal.corp",
        ]
        let fromEnvironment = ProxySettings.resolve(environment: environment)
        #expect(fromEnvironment.httpsProxy == "http://proxy.corp:3128")
        #expect(fromEnvironment.httpProxy == nil, "uppercase HTTP_PROXY is not trusted")
        #expect(fromEnvironment.noProxy == "internal.corp")
        #expect(fromEnvironment.proxy(for: URL(string: "https://platform.altinn.no/")!) == "http://proxy.corp:3128")
        #expect(fromEnvironment.proxy(for: URL(string: "http://127.0.0.1:9/")!) == "", "loopback goes direct")
        let configured = ProxySettings.resolve(
            environment: environment, configuredProxy: "http://configured:8080", configuredNoProxy: "")
        #expect(configured.proxy(for: URL(string: "https://platform.altinn.no/")!) == "http://configured:8080")
        #expect(configured.noProxy == "")
        let lowercase = ProxySettings.resolve(environment: ["https_proxy": "http://p:1", "all_proxy": "http://a:2"])
        #expect(lowercase.httpsProxy == "http://p:1")
        #expect(lowercase.httpProxy == "http://a:2")
    }

    @Test func headersLookUpNamesWithoutCase() {
        var headers: HTTPHeaders = ["Content-Type": "text/plain", "Set-Cookie": "a"]
        headers.add(name: "set-cookie", value: "b")
        #expect(headers["content-type"] == "text/plain")
        #expect(headers.values(for: "SET-COOKIE") == ["a", "b"])
        headers.replaceOrAdd(name: "SET-cookie", value: "c")
        #expect(headers.values(for: "set-cookie") == ["c"])
    }

    @Test func sha256MatchesKnownAnswers() {
        #expect(SHA256Digest.hex(of: []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            SHA256Digest.hex(of: Array("abc".utf8))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
