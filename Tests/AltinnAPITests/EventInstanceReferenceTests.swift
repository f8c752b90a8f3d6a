import AltinnAPI
import Foundation
import Testing

@Suite("Event to instance")
struct EventInstanceReferenceTests {
    static let guid = "f21e491f-f862-4776-b81f-725657ef0a18"

    static func event(
        resource: String? = "urn:altinn:resource:app_ttd_apps-test", resourceinstance: String? = "50019855/\(guid)",
        source: String? = "https://ttd.apps.tt02.altinn.no/ttd/apps-test/instances/50019855/\(guid)"
    ) -> CloudEvent {
        CloudEvent(
            id: "fc12dc69-fcd4-43c6-9fde-b94fcdcc3597", time: nil, source: source, subject: "/party/50019855",
            type: "app.instance.process.completed", resource: resource, resourceinstance: resourceinstance,
            alternativesubject: "/person/16035001577")
    }

    static func resolve(
        _ event: CloudEvent, app: String = "ttd/apps-test", environment: AltinnEnvironment = .tt02
    )
        throws -> EventInstanceReference
    {
        try AltinnEndpoints(environment: environment, org: Org("ttd")).instanceReference(for: event, app: AppID(app))
    }

    static func failure(_ event: CloudEvent, app: String = "ttd/apps-test") throws -> AltinnAPIError {
        try #require(throws: AltinnAPIError.self) { try resolve(event, app: app) }
    }

    @Test func fromResourceInstance() throws {
        let reference = try Self.resolve(Self.event())
        #expect(reference.instanceID.description == "50019855/\(Self.guid)")
        #expect(reference.field == .resourceInstance)
        #expect(reference.unexpectedSourceHost == nil)
    }

    @Test func fromResourceInstanceWithoutSource() throws {
        let reference = try Self.resolve(
            Self.event(resourceinstance: "50019855/\(Self.guid.uppercased())", source: nil))
        #expect(reference.instanceID.description == "50019855/\(Self.guid)")
        #expect(reference.field == .resourceInstance)
    }

    @Test func fromSourceWhenResourceInstanceIsMissing() throws {
        let reference = try Self.resolve(Self.event(resource: nil, resourceinstance: nil))
        #expect(reference.instanceID.description == "50019855/\(Self.guid)")
        #expect(reference.field == .source)
        #expect(reference.unexpectedSourceHost == nil)
    }

    @Test func fromTheEventsFixture() throws {
        let rows = try AltinnJSON.decode([EventRow].self, from: Fixture.data("altinn-events/1.json"))
        let production = try Self.resolve(rows[0].cloudEvent, app: "ttd/endring-av-navn-v2", environment: .production)
        #expect(production.instanceID.description == "1337/6fb3f738-6800-4f29-9f3e-1c66862656cd")
        #expect(production.field == .source)
        #expect(production.unexpectedSourceHost == nil)
        let tt02 = try Self.resolve(rows[1].cloudEvent, app: "ttd/endring-av-navn-v2")
        #expect(tt02.instanceID.description == "1234324/6fb3f738-6800-4f29-9f3e-1c66862656cd")
        #expect(tt02.unexpectedSourceHost == "https://ttd.apps.altinn.no:443")
    }

    @Test func foreignSourceHostIsOnlyAWarning() throws {
        let event = Self.event(
            source: "https://ttd.apps.at22.altinn.cloud/ttd/apps-test/instances/50019855/\(Self.guid)")
        let reference = try Self.resolve(event)
        #expect(reference.instanceID.description == "50019855/\(Self.guid)")
        #expect(reference.unexpectedSourceHost == "https://ttd.apps.at22.altinn.cloud:443")
    }

    @Test(arguments: [
        "urn:altinn:resource:app_ttd_other-app", "urn:altinn:resource:app_skd_apps-test",
        "urn:altinn:resource:app_ttd_apps-test2", "urn:altinn:resource:ttd-apps-test", "urn:altinn:systemx",
    ])
    func resourceOfAnotherAppIsReported(_ resource: String) throws {
        let error = try Self.failure(Self.event(resource: resource))
        #expect(error.code == .eventForAnotherApp)
        #expect(error.detail.contains("expected urn:altinn:resource:app_ttd_apps-test"))
    }

    @Test(arguments: [
        "https://ttd.apps.tt02.altinn.no/ttd/other-app/instances/50019855/\(guid)",
        "https://ttd.apps.tt02.altinn.no/skd/apps-test/instances/50019855/\(guid)",
        "https://skd.apps.tt02.altinn.no/skd/sirius/instances/50019855/\(guid)",
    ])
    func sourceOfAnotherAppIsReported(_ source: String) throws {
        let error = try Self.failure(Self.event(resource: nil, source: source))
        #expect(error.code == .eventForAnotherApp)
        #expect(error.detail.contains("expected ttd/apps-test"))
    }

    @Test func otherOrgsEventsInTheFixtureAreReported() throws {
        let rows = try AltinnJSON.decode([EventRow].self, from: Fixture.data("altinn-events/2.json"))
        let error = try Self.failure(rows[4].cloudEvent, app: "nav/app")
        #expect(error.code == .eventForAnotherApp)
        #expect(error.detail.contains("urn:altinn:resource:app_skd_sirius"))
    }

    @Test func disagreementBetweenResourceInstanceAndSourceIsRejected() throws {
        let event = Self.event(
            source: "https://ttd.apps.tt02.altinn.no/ttd/apps-test/instances/50019856/\(Self.guid)")
        let error = try Self.failure(event)
        #expect(error.code == .unusableEvent)
        #expect(error.detail.contains("expected the same instance in both"))
    }

    @Test(arguments: [
        (String?.none, String?.some("urn:altinn:systemx")),
        (nil, nil),
        ("../../etc/passwd", nil),
        ("50019855/%2e%2e", nil),
        ("50019855/\(guid)/..", nil),
        ("0/\(guid)", nil),
        ("\u{661}\u{662}/\(guid)", nil),
        (nil, "https://ttd.apps.tt02.altinn.no/ttd/apps-test/instances/50019855/%2e%2e"),
        (nil, "https://ttd.apps.tt02.altinn.no/ttd/apps-test/instances/50019855/\(guid)/data"),
        (nil, "https://ttd.apps.tt02.altinn.no/ttd/apps-test/instances/50019855"),
        (nil, "https://ttd.apps.tt02.altinn.no/ttd/apps-test/instances/../\(guid)"),
        (nil, "/ttd/apps-test/instances/50019855/\(guid)"),
        (nil, "not a url at all"),
    ])
    func garbageIsRejected(_ resourceinstance: String?, _ source: String?) throws {
        let error = try Self.failure(Self.event(resource: nil, resourceinstance: resourceinstance, source: source))
        #expect(error.code == .unusableEvent)
    }
}
