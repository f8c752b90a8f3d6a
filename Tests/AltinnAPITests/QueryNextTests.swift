import AltinnAPI
import Foundation
import Testing

@Suite("Instance query next link")
struct QueryNextTests {
    static let ownNext =
        "https://platform.tt02.altinn.no/storage/api/v1/instances?appId=ttd%2Fapps-test&process.isComplete=true"
        + "&excludeConfirmedBy=ttd&size=100&continuationToken=638512345678901234%253b12345"

    @Test func acceptsThePlatformsOwnNextVerbatim() throws {
        let endpoints = try AltinnEndpoints(environment: .tt02, org: Org("ttd"))
        let url = try endpoints.validatedQueryNext(Self.ownNext)
        #expect(url.absoluteString == Self.ownNext)
        #expect(url.query?.hasSuffix("continuationToken=638512345678901234%253b12345") == true)
    }

    @Test(arguments: [
        "HTTPS://PLATFORM.TT02.ALTINN.NO/storage/api/v1/instances?size=1",
        "https://platform.tt02.altinn.no:443/storage/api/v1/instances?size=1",
        "https://platform.tt02.altinn.no/storage/api/v1/instances",
    ])
    func acceptsTheSameOriginSpelledDifferently(_ next: String) throws {
        let endpoints = try AltinnEndpoints(environment: .tt02, org: Org("ttd"))
        #expect(try endpoints.validatedQueryNext(next).absoluteString == next)
    }

    @Test(arguments: [
        "https://evil.example/storage/api/v1/instances?size=1",
        "https://platform.tt02.altinn.no.evil.example/storage/api/v1/instances?size=1",
        "https://platform.tt02.altinn.no@evil.example/storage/api/v1/instances?size=1",
        "https://user@platform.tt02.altinn.no/storage/api/v1/instances?size=1",
        "http://platform.tt02.altinn.no/storage/api/v1/instances?size=1",
        "https://platform.tt02.altinn.no:8443/storage/api/v1/instances?size=1",
        "https://platform.altinn.no/storage/api/v1/instances?size=1",
        "https://platform.tt02.altinn.no/storage/api/v1/instances/1337/f21e491f-f862-4776-b81f-725657ef0a18",
        "https://platform.tt02.altinn.no/storage/api/v1/instancesX?size=1",
        "https://platform.tt02.altinn.no/storage/api/v1/instances/?size=1",
        "https://platform.tt02.altinn.no/storage/api/v1/instances/../../../authentication/api/v1/exchange/maskinporten",
        "https://platform.tt02.altinn.no/storage/api/v1/%69nstances?size=1",
        "https://platform.tt02.altinn.no/authentication/api/v1/exchange/maskinporten?x=/storage/api/v1/instances",
        "https://platform.tt02.altinn.no/storage/api/v1/instances?size=1#fragment",
        "/storage/api/v1/instances?size=1",
        "//evil.example/storage/api/v1/instances",
        "",
        "https://platform.tt02.altinn.no/storage/api/v1/instances?size=1 2",
    ])
    func rejectsEverythingElse(_ next: String) throws {
        let endpoints = try AltinnEndpoints(environment: .tt02, org: Org("ttd"))
        let error = try #require(throws: AltinnAPIError.self) { try endpoints.validatedQueryNext(next) }
        #expect(error.code == .untrustedURL)
        #expect(error.detail.contains("expected a URL under https://platform.tt02.altinn.no/storage/api/v1/instances"))
    }

    @Test func followsACustomPlatformWithAPrefix() throws {
        let environment = AltinnEnvironment.custom(
            maskinporten: try #require(URL(string: "http://127.0.0.1:9/")),
            platform: try #require(URL(string: "http://127.0.0.1:8080/altinn")), apps: "http://127.0.0.1:8081")
        let endpoints = try AltinnEndpoints(environment: environment, org: Org("ttd"))
        let next = "http://127.0.0.1:8080/altinn/storage/api/v1/instances?continuationToken=1%253b2"
        #expect(try endpoints.validatedQueryNext(next).absoluteString == next)
        #expect(throws: AltinnAPIError.self) {
            try endpoints.validatedQueryNext("http://127.0.0.1:8080/storage/api/v1/instances?continuationToken=1")
        }
        #expect(throws: AltinnAPIError.self) {
            try endpoints.validatedQueryNext("http://127.0.0.1:8081/altinn/storage/api/v1/instances")
        }
    }
}
