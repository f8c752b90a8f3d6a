import AltinnAPI
import Foundation
import Testing

@Suite("AltinnEndpoints")
struct AltinnEndpointsTests {
    static let instance = "50019855/f21e491f-f862-4776-b81f-725657ef0a18"
    static let element = "0d4b5c1e-8b3a-4f7e-9a55-2b1f3c4d5e6f"

    static func endpoints(_ environment: AltinnEnvironment = .tt02, org: String = "ttd") throws -> AltinnEndpoints {
        try AltinnEndpoints(environment: environment, org: Org(org))
    }

    @Test func tt02Bases() throws {
        let endpoints = try Self.endpoints()
        #expect(endpoints.maskinportenIssuer.absoluteString == "https://test.maskinporten.no/")
        #expect(endpoints.maskinportenToken.absoluteString == "https://test.maskinporten.no/token")
        #expect(
            endpoints.tokenExchange.absoluteString
                == "https://platform.tt02.altinn.no/authentication/api/v1/exchange/maskinporten")
        #expect(endpoints.apps.absoluteString == "https://ttd.apps.tt02.altinn.no")
    }

    @Test func productionBases() throws {
        let endpoints = try Self.endpoints(.production, org: "skd")
        #expect(endpoints.maskinportenToken.absoluteString == "https://maskinporten.no/token")
        #expect(
            endpoints.tokenExchange.absoluteString
                == "https://platform.altinn.no/authentication/api/v1/exchange/maskinporten")
        #expect(endpoints.apps.absoluteString == "https://skd.apps.altinn.no")
    }

    @Test func storageURLs() throws {
        let endpoints = try Self.endpoints()
        let id = try InstanceID(Self.instance)
        let element = try DataElementID(Self.element)
        let base = "https://platform.tt02.altinn.no/storage/api/v1/instances/\(Self.instance)"
        #expect(endpoints.storageInstance(id).absoluteString == base)
        #expect(endpoints.storageData(id, element: element).absoluteString == "\(base)/data/\(Self.element)")
        #expect(endpoints.storageComplete(id).absoluteString == "\(base)/complete")
    }

    @Test func appURLs() throws {
        let endpoints = try Self.endpoints()
        let app = try AppID("ttd/apps-test")
        let id = try InstanceID(Self.instance)
        let element = try DataElementID(Self.element)
        let base = "https://ttd.apps.tt02.altinn.no/ttd/apps-test/instances/\(Self.instance)"
        #expect(endpoints.appInstance(app, id).absoluteString == base)
        #expect(endpoints.appData(app, id, element: element).absoluteString == "\(base)/data/\(Self.element)")
        #expect(endpoints.appComplete(app, id).absoluteString == "\(base)/complete")
    }

    @Test func eventsPageRepeatsTypeAndEncodesWildcards() throws {
        let url = try Self.endpoints().eventsPage(
            app: AppID("ttd/apps-test"), after: EventID.start,
            types: ["app.instance.process.completed", "app.instance.process.movedTo.%"], size: 50)
        #expect(
            url.absoluteString
                == "https://platform.tt02.altinn.no/events/api/v1/app/ttd/apps-test?after=0"
                + "&type=app.instance.process.completed&type=app.instance.process.movedTo.%25&size=50")
    }

    @Test func eventsPageEncodesCursorAndOddTypes() throws {
        let url = try Self.endpoints().eventsPage(
            app: AppID("ttd/apps-test"), after: EventID("fc12dc69-fcd4-43c6-9fde-b94fcdcc3597"),
            types: ["a+b c&d=e#f?g_%æ"], size: 1)
        #expect(
            url.absoluteString
                == "https://platform.tt02.altinn.no/events/api/v1/app/ttd/apps-test"
                + "?after=fc12dc69-fcd4-43c6-9fde-b94fcdcc3597&type=a%2Bb%20c%26d%3De%23f%3Fg_%25%C3%A6&size=1")
        let weirdCursor = try Self.endpoints().eventsPage(
            app: AppID("ttd/apps-test"), after: EventID("a&size=1000"), types: [], size: 10)
        #expect(weirdCursor.query == "after=a%26size%3D1000&size=10")
    }

    @Test func eventsPageRejectsBadParameters() throws {
        let endpoints = try Self.endpoints()
        let app = try AppID("ttd/apps-test")
        let small = try #require(throws: AltinnAPIError.self) {
            try endpoints.eventsPage(app: app, after: .start, types: [], size: 0)
        }
        #expect(small.code == .invalidParameter)
        let empty = try #require(throws: AltinnAPIError.self) {
            try endpoints.eventsPage(app: app, after: .start, types: [""], size: 10)
        }
        #expect(empty.code == .invalidParameter)
    }

    @Test func instanceQuery() throws {
        let url = try Self.endpoints().instanceQuery(app: AppID("ttd/apps-test"), size: 100)
        #expect(
            url.absoluteString
                == "https://platform.tt02.altinn.no/storage/api/v1/instances?appId=ttd/apps-test"
                + "&process.isComplete=true&excludeConfirmedBy=ttd&status.isHardDeleted=false"
                + "&order=asc:lastChanged&includeDataElements=false&size=100")
    }

    @Test func instanceQueryWithLastChangedBounds() throws {
        let url = try Self.endpoints().instanceQuery(
            app: AppID("ttd/apps-test"), size: 25, changedFrom: AltinnTimestamp("2024-01-01T01:00:00+01:00"),
            changedBefore: AltinnTimestamp("2024-02-01T00:00:00.5Z"))
        #expect(
            url.absoluteString
                == "https://platform.tt02.altinn.no/storage/api/v1/instances?appId=ttd/apps-test"
                + "&process.isComplete=true&excludeConfirmedBy=ttd&status.isHardDeleted=false"
                + "&order=asc:lastChanged&includeDataElements=false&lastChanged=gte:2024-01-01T00:00:00.0000000Z"
                + "&lastChanged=lt:2024-02-01T00:00:00.5000000Z&size=25")
        #expect(throws: AltinnAPIError.self) {
            try Self.endpoints().instanceQuery(app: AppID("ttd/apps-test"), size: 0)
        }
    }

    @Test func customEnvironmentOnLoopbackWithAPathPrefix() throws {
        let environment = AltinnEnvironment.custom(
            maskinporten: try #require(URL(string: "http://127.0.0.1:8080/maskinporten/")),
            platform: try #require(URL(string: "http://localhost:5101/altinn")),
            apps: "http://127.0.0.1:5102")
        let endpoints = try Self.endpoints(environment)
        #expect(endpoints.maskinportenToken.absoluteString == "http://127.0.0.1:8080/maskinporten/token")
        #expect(
            endpoints.storageInstance(try InstanceID(Self.instance)).absoluteString
                == "http://localhost:5101/altinn/storage/api/v1/instances/\(Self.instance)")
        #expect(
            endpoints.appInstance(try AppID("ttd/apps-test"), try InstanceID(Self.instance)).absoluteString
                == "http://127.0.0.1:5102/ttd/apps-test/instances/\(Self.instance)")
    }

    @Test func customAppsTemplateTakesTheOrg() throws {
        let environment = AltinnEnvironment.custom(
            maskinporten: try #require(URL(string: "https://test.maskinporten.no/")),
            platform: try #require(URL(string: "https://platform.at22.altinn.cloud")),
            apps: "https://{org}.apps.at22.altinn.cloud")
        #expect(
            try Self.endpoints(environment, org: "digdir").apps.absoluteString
                == "https://digdir.apps.at22.altinn.cloud")
    }

    @Test(arguments: [
        ("http://platform.example.no", "http://127.0.0.1/", "https://{org}.apps.example.no", "https://"),
        ("https://platform.example.no", "https://mp.example.no", "https://{org}.apps.example.no", "must end with '/'"),
        ("https://platform.example.no", "https://mp.example.no/", "https://{org}.{app}.example.no", "is not a URL"),
        ("https://platform.example.no", "https://mp.example.no/", "http://{org}.apps.example.no", "https://"),
        ("https://user:pw@platform.example.no", "https://mp.example.no/", "https://{org}.x.no", "user info"),
        ("https://platform.example.no?x=1", "https://mp.example.no/", "https://{org}.x.no", "a query"),
        ("https://platform.example.no/a/../b", "https://mp.example.no/", "https://{org}.x.no", "'..'"),
        ("ftp://platform.example.no", "https://mp.example.no/", "https://{org}.x.no", "https://"),
        ("https://platform.example.no", "https://mp.example.no/", "not a url", "is not a URL"),
        ("https://platform.example.no", "https://mp.example.no/", "{org}.apps.example.no", "needs a scheme and a host"),
    ])
    func customEnvironmentRejectsUnsafeBases(
        _ platform: String, _ maskinporten: String, _ apps: String, _ reason: String
    )
        throws
    {
        let environment = AltinnEnvironment.custom(
            maskinporten: try #require(URL(string: maskinporten)), platform: try #require(URL(string: platform)),
            apps: apps)
        let error = try #require(throws: AltinnAPIError.self) { try Self.endpoints(environment) }
        #expect(error.code == .invalidEndpoint)
        #expect(error.detail.contains(reason))
    }
}
