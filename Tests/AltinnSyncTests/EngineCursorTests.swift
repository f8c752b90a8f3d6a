import AltinnAPI
import AltinnSync
import Foundation
import Testing

/// The events cursor: it passes an event only when the event's instance is archived, in the retry ledger, or
/// not one to archive.
@Suite struct EngineCursorTests {
    @Test func theNextRunReadsAfterTheCursorAndFetchesNothingTwice() async throws {
        let harness = try EngineHarness()
        let one = try harness.altinn.addInstance(app: harness.app)
        let first = try harness.altinn.addEvent(app: harness.app, instance: one)
        #expect(await harness.run().exitCode == ExitStatus.success)
        let two = try harness.altinn.addInstance(app: harness.app)
        let second = try harness.altinn.addEvent(app: harness.app, instance: two)
        let callsBefore = harness.altinn.calls.count

        let report = await harness.run()

        #expect(report.exitCode == ExitStatus.success)
        #expect(report.counts.eventsSeen == 1)
        let calls = harness.altinn.calls.dropFirst(callsBefore)
        #expect(calls.first == .events(app: harness.app.description, after: first.id))
        #expect(calls.contains(.instance(two.description)))
        #expect(!calls.contains(.instance(one.description)))
        #expect(harness.isArchived(two))
        #expect(try harness.cursor() == second.id)
    }

    @Test func aFolderWithoutManifestKeepsItsInstanceInTheLedgerAndIsLeftUntouched() async throws {
        let harness = try EngineHarness(concurrency: 1)
        let blocked = try harness.altinn.addInstance(app: harness.app)
        let other = try harness.altinn.addInstance(app: harness.app)
        try harness.altinn.addEvent(app: harness.app, instance: blocked)
        let last = try harness.altinn.addEvent(app: harness.app, instance: other)
        // Something that is not a finished instance sits where `blocked` belongs (e.g. a consumer emptied it).
        let folder = harness.instanceFolder(blocked)
        try put("kept by a consumer", at: "\(folder)/notes.txt")
        let before = tree(folder)

        let report = await harness.run()

        #expect(report.exitCode == ExitStatus.partial)
        #expect(report.abort == nil)
        #expect(report.counts.instancesArchived == 1)
        #expect(report.counts.instancesFailed == 1)
        #expect(harness.isArchived(other))
        #expect(tree(folder) == before)
        #expect(contents("\(folder)/notes.txt") == Data("kept by a consumer".utf8))
        #expect(harness.altinn.completes == [other.description])
        let entry = try #require(try harness.ledger().entries[blocked.description])
        #expect(entry.lastError.contains("Move it out of the archive"))
        #expect(entry.lastError.contains("altinn-sync retry \(blocked)"))
        #expect(try harness.cursor() == last.id)
        #expect(harness.staging.isEmpty)
    }

    @Test func aCompletedEventBeforeProcessEndedIsKeptInTheLedgerUntilItEnds() async throws {
        let harness = try EngineHarness(settings: [#""retry": {"initialDelay": "0s"}"#])
        let id = try harness.altinn.addInstance(app: harness.app, ended: false)
        let event = try harness.altinn.addEvent(app: harness.app, instance: id)

        let report = await harness.run()

        #expect(report.exitCode == ExitStatus.partial)
        #expect(report.counts.instancesFailed == 1)
        #expect(report.counts.instancesSkipped == 0)
        #expect(!harness.isArchived(id))
        let entry = try #require(try harness.ledger().entries[id.description])
        #expect(entry.state == .pending)
        #expect(entry.lastError.contains("process.ended"))
        #expect(entry.eventIds == [event.id])
        // The ledger remembers the instance, so the cursor may pass its event.
        #expect(try harness.cursor() == event.id)

        // Once the process has ended, the ledger's retry archives it, with the event that named it.
        harness.altinn.update(id) { $0.ended = true }
        let retry = await harness.run()

        #expect(retry.exitCode == ExitStatus.success)
        #expect(harness.isArchived(id))
        #expect(try harness.manifest(id).foundBy == "retry")
        #expect(try harness.manifest(id).events.map(\.id) == [event.id])
        #expect(try harness.ledger().entries.isEmpty)
    }

    @Test func aNonCompletionEventOfAnUnfinishedInstanceIsSkipped() async throws {
        let harness = try EngineHarness(settings: [
            #""eventTypes": ["app.instance.process.completed", "app.instance.created"]"#
        ])
        let id = try harness.altinn.addInstance(app: harness.app, ended: false)
        let event = try harness.altinn.addEvent(app: harness.app, instance: id, type: "app.instance.created")

        let report = await harness.run()

        #expect(report.exitCode == ExitStatus.success)
        #expect(report.counts.instancesSkipped == 1)
        #expect(report.counts.instancesFailed == 0)
        #expect(!harness.isArchived(id))
        #expect(try harness.ledger().entries.isEmpty)
        #expect(try harness.cursor() == event.id)
    }

    @Test func anEventOfAnotherAppIsPassedWithoutFetchingAnything() async throws {
        let harness = try EngineHarness()
        let stranger = try harness.altinn.addInstance(app: try AppID("ttd/app-z"))
        // The feed of app-a should not hold app-z's events; if it does, they are not this app's to fetch.
        harness.altinn.append(
            CloudEvent(
                id: "f0f0f0f0-0000-4000-8000-000000000001", time: try AltinnTimestamp("2026-01-01T00:00:00Z"),
                source: "\(FakeAltinn.appsBase)/ttd/app-z/instances/\(stranger)",
                type: "app.instance.process.completed",
                resource: "urn:altinn:resource:app_ttd_app-z", resourceinstance: stranger.description),
            to: harness.app)
        let ours = try harness.altinn.addInstance(app: harness.app)
        let last = try harness.altinn.addEvent(app: harness.app, instance: ours)

        let report = await harness.run()

        #expect(report.exitCode == ExitStatus.success)
        #expect(report.counts.eventsSeen == 2)
        #expect(harness.altinn.calls.contains(.instance(ours.description)))
        #expect(!harness.altinn.calls.contains(.instance(stranger.description)))
        #expect(!harness.isArchived(stranger, app: try AppID("ttd/app-z")))
        #expect(harness.isArchived(ours))
        #expect(try harness.cursor() == last.id)
    }
}
