import AltinnAPI
import AltinnSync
import CurlHTTP
import Foundation
import Testing

/// A feed answer that is not a page of events.
enum BrokenFeed: CaseIterable, Sendable {
    /// 503 after the transport's retries: Altinn cannot serve the feed now.
    case unavailable
    /// 404: the app was renamed or removed, or its name has a typo.
    case notFound
    /// 200 with a body that is not JSON, e.g. a proxy's login page.
    case notJSON

    /// The error the real client throws for it.
    func error() throws -> any Error & Sendable {
        switch self {
        case .unavailable:
            return FakeAltinn.status(503, "/events/api/v1/app/ttd/gone")
        case .notFound:
            return FakeAltinn.status(404, "/events/api/v1/app/ttd/gone")
        case .notJSON:
            return try #require(throws: AltinnAPIError.self) {
                try AltinnJSON.decode([CloudEvent].self, from: Data("<html>proxy login</html>".utf8))
            }
        }
    }

    /// Whether it passes by itself (exit 75), rather than needing a person (a blocked feed, exit 3).
    var isTemporary: Bool { self == .unavailable }
}

/// How a feed that fails ends up: reported for this app while the others go on, or ending the run.
@Suite struct EngineFeedFailureTests {
    @Test(arguments: BrokenFeed.allCases)
    func oneBrokenFeedIsReportedAndTheNextAppStillRuns(_ broken: BrokenFeed) async throws {
        let harness = try EngineHarness(apps: ["gone", "app-b"])
        let gone = harness.apps[0]
        let appB = harness.apps[1]
        harness.altinn.fail(.events(gone), with: try broken.error())
        let id = try harness.altinn.addInstance(app: appB)
        let event = try harness.altinn.addEvent(app: appB, instance: id)

        let report = await harness.run()

        #expect(report.abort == nil)
        if broken.isTemporary {
            #expect(report.exitCode == ExitStatus.temporary)
            #expect(report.appFailures.keys.sorted() == [gone.description])
            #expect(report.appFailures[gone.description]?.contains("reading the events of \(gone)") == true)
            #expect(try harness.appState(gone)?.feedBlocked == nil)
        } else {
            // Not a passing problem: reported as a blocked feed, with what to do, and kept for `status`.
            #expect(report.exitCode == ExitStatus.partial)
            #expect(report.appFailures.isEmpty)
            #expect(report.blockedSources[gone.description]?.contains("the events feed of \(gone) is blocked") == true)
            let block = try #require(try harness.appState(gone)?.feedBlocked)
            #expect(block.after == nil)
        }
        #expect(Set(harness.altinn.feedsRead) == [gone.description, appB.description])
        #expect(harness.isArchived(id, app: appB))
        #expect(try harness.cursor(appB) == event.id)
        #expect(try harness.cursor(gone) == nil)
    }

    @Test(arguments: [401, 403])
    func aRefusedFeedStopsTheRunAsAnAuthenticationFailure(status: Int) async throws {
        let harness = try EngineHarness(apps: ["app-a", "app-b"])
        harness.altinn.fail(.events(harness.apps[0]), with: FakeAltinn.status(status, "/events/api/v1/app/ttd/app-a"))
        let id = try harness.altinn.addInstance(app: harness.apps[1])
        try harness.altinn.addEvent(app: harness.apps[1], instance: id)
        // app-b's work is under way when app-a's refusal stops the run.
        harness.altinn.delay(.instance(id), by: .seconds(60))

        let started = ContinuousClock.now
        let report = await harness.run()

        #expect(report.exitCode == ExitStatus.authentication)
        #expect(report.abort?.kind == .authentication)
        if status == 403 {
            #expect(report.abort?.message.contains("altinn:serviceowner/instances.read") == true)
        }
        // The other app's job was cancelled, not finished: nothing archived, its event not passed.
        #expect(ContinuousClock.now - started < .seconds(30))
        #expect(!harness.isArchived(id, app: harness.apps[1]))
        #expect(try harness.cursor(harness.apps[1]) == nil)
        #expect(harness.altinn.completes.isEmpty)
    }
}
