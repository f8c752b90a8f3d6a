import CurlHTTP
import Foundation
import TestSupport
import Testing

@Suite struct RetryTests {
    @Test func retriesA503HonouringRetryAfterSeconds() async throws {
        try await withServer { server in
            let started = ContinuousClock.now
            let response = try await makeClient().send(
                HTTPRequest(url: server.url("/flaky/a?failures=2&status=503&retry_after=1")))
            let elapsed = ContinuousClock.now - started
            #expect(String(decoding: response.body, as: UTF8.self) == "recovered after 2")
            #expect(elapsed >= .seconds(2), "two Retry-After: 1 waits, took \(elapsed)")
            #expect(elapsed < .seconds(60), "two waits of a second, not minutes")
        }
    }

    @Test func retriesA429WithRetryAfterAsAnHTTPDate() async throws {
        try await withServer { server in
            let soon = HTTPDate.format(Date().addingTimeInterval(2))
            let query =
                "failures=1&status=429&retry_after=\(soon.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
            let started = ContinuousClock.now
            let response = try await makeClient().send(HTTPRequest(url: server.url("/flaky/date?\(query)")))
            #expect(String(decoding: response.body, as: UTF8.self) == "recovered after 1")
            #expect(ContinuousClock.now - started >= .milliseconds(900))
        }
    }

    @Test func givesUpAfterTheAttemptBudgetWithTheLastStatus() async throws {
        try await withServer { server in
            let error = try await #require(throws: HTTPError.self) {
                try await makeClient().send(HTTPRequest(url: server.url("/flaky/b?failures=100&status=502")))
            }
            #expect(error.status == 502)
            #expect(error.attempts == 4)
            #expect(error.isTransient)
        }
    }

    @Test func givesUpAtOnceWhenRetryAfterIsBeyondTheBudget() async throws {
        try await withServer { server in
            let started = ContinuousClock.now
            let error = try await #require(throws: HTTPError.self) {
                try await makeClient().send(
                    HTTPRequest(url: server.url("/flaky/c?failures=5&status=503&retry_after=86400")))
            }
            #expect(error.attempts == 1)
            #expect(ContinuousClock.now - started < .seconds(30), "not the 86400 s Retry-After")
        }
    }

    @Test func doesNotRetryAPostUnlessMarkedSafe() async throws {
        try await withServer { server in
            server.script("post", [.init(status: 503), .init(status: 200, body: "done")])
            let error = try await #require(throws: HTTPError.self) {
                try await makeClient().send(HTTPRequest(method: .post, url: server.url("/scripted/post")))
            }
            #expect(error.status == 503)
            #expect(server.requests("post").count == 1)
            let response = try await makeClient().send(
                HTTPRequest(method: .post, url: server.url("/scripted/post"), isSafeToRetry: true))
            #expect(String(decoding: response.body, as: UTF8.self) == "done")
        }
    }
}

@Suite struct RedirectTests {
    @Test func crossOriginRedirectArrivesWithoutAuthorization() async throws {
        try await withServer { first in
            try await withServer { second in
                let target = second.url("/headers").absoluteString
                var request = HTTPRequest(url: first.url("/redirect?to=\(target)"))
                request.headers.add(name: "Authorization", value: "Bearer must-not-leak")
                request.headers.add(name: "X-Trace", value: "kept")
                let response = try await makeClient().send(request)
                let echoed = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: String])
                #expect(echoed["authorization"] == nil)
                #expect(echoed["x-trace"] == "kept")
                #expect(response.url == second.url("/headers"))
            }
        }
    }

    @Test func sameOriginRedirectKeepsAuthorization() async throws {
        try await withServer { server in
            var request = HTTPRequest(url: server.url("/redirect?to=/headers&status=307"))
            request.headers.add(name: "Authorization", value: "Bearer same-origin")
            let response = try await makeClient().send(request)
            let echoed = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: String])
            #expect(echoed["authorization"] == "Bearer same-origin")
        }
    }

    @Test func stopsAfterTheRedirectLimit() async throws {
        try await withServer { server in
            let client = HTTPClient(configuration: HTTPClientConfiguration(maxRedirects: 2))
            let error = try await #require(throws: HTTPError.self) {
                try await client.send(HTTPRequest(url: server.url("/redirect?to=self")))
            }
            #expect(error.code == .tooManyRedirects)
        }
    }
}
