import AltinnAPI
import AltinnSync
import CurlHTTP
import Foundation
import Testing

/// What one instance turns into: a verified folder in the archive, confirmed only afterwards.
@Suite struct EngineArchiveTests {
    @Test func aCompletedInstanceIsArchivedVerifiedAndOnlyThenConfirmed() async throws {
        let harness = try EngineHarness()
        let id = try harness.altinn.addInstance(app: harness.app)
        let event = try harness.altinn.addEvent(app: harness.app, instance: id)
        let folder = harness.instanceFolder(id)
        // What the instance folder held each time Altinn received `complete`.
        let atConfirmation = Shared<[[String]]>([])
        harness.altinn.on(.complete(id)) { atConfirmation.change { $0.append(tree(folder)) } }

        let report = await harness.run()

        #expect(report.exitCode == ExitStatus.success)
        #expect(report.counts.eventsSeen == 1)
        #expect(report.counts.instancesArchived == 1)
        #expect(report.counts.instancesConfirmed == 1)
        let stored = try #require(harness.altinn.stored(id))
        #expect(report.counts.bytesArchived == stored.elements.reduce(0) { $0 + Int64($1.content.count) })
        #expect(stored.confirmedBy == [FakeAltinn.org])

        let manifest = try harness.manifest(id)
        #expect(manifest.instanceId == id.description)
        #expect(manifest.appId == harness.app.description)
        #expect(manifest.foundBy == "events")
        #expect(manifest.events.map(\.id) == [event.id])
        #expect(manifest.dataElements.map(\.id) == stored.elements.map(\.id))
        for element in stored.elements {
            let entry = try #require(manifest.dataElements.first { $0.id == element.id })
            #expect(entry.path.hasPrefix("data/\(element.id)"))
            #expect(contents("\(folder)/\(entry.path)") == element.content)
            #expect(entry.sha256 == SHA256Digest.hex(of: element.content))
            #expect(entry.bytes == Int64(element.content.count))
        }
        let document = try #require(contents("\(folder)/instance.json"))
        #expect(try AltinnJSON.decode(Instance.self, from: document).instanceID == id)

        // Everything was in place before the confirmation went out.
        let finalTree = tree(folder)
        #expect(finalTree.contains("manifest.json"))
        #expect(atConfirmation.value == [finalTree])
        #expect(harness.altinn.completes == [id.description])

        #expect(try harness.cursor() == event.id)
        #expect(try harness.ledger().entries.isEmpty)
        #expect(harness.staging.isEmpty)
    }

    @Test func duplicateEventsOnOnePageMakeOneJob() async throws {
        let harness = try EngineHarness(concurrency: 4)
        let id = try harness.altinn.addInstance(app: harness.app)
        let first = try harness.altinn.addEvent(app: harness.app, instance: id)
        let second = try harness.altinn.addEvent(app: harness.app, instance: id, time: "2026-01-01T00:00:01Z")
        let elements = try #require(harness.altinn.stored(id)).elements.count

        let report = await harness.run()

        #expect(report.exitCode == ExitStatus.success)
        #expect(report.counts.eventsSeen == 2)
        #expect(report.counts.instancesArchived == 1)
        #expect(harness.altinn.instanceFetches == 1)
        #expect(harness.altinn.downloads == elements)
        #expect(harness.altinn.completes == [id.description])
        #expect(try harness.manifest(id).events.map(\.id) == [first.id, second.id])
        #expect(try harness.cursor() == second.id)
    }

    @Test func aShortDownloadIsNotArchivedAndWaitsInTheLedger() async throws {
        let harness = try EngineHarness()
        let content = Data("<form/>".utf8)
        let id = try harness.altinn.addInstance(
            app: harness.app,
            elements: [
                FakeAltinn.Element(
                    id: "da7a0000-0000-4000-8000-00000000000a", content: content,
                    declaredSize: Int64(content.count + 10))
            ])
        let event = try harness.altinn.addEvent(app: harness.app, instance: id)

        let report = await harness.run()

        #expect(report.exitCode == ExitStatus.partial)
        #expect(report.counts.instancesFailed == 1)
        #expect(!FileManager.default.fileExists(atPath: harness.instanceFolder(id)))
        #expect(harness.staging.isEmpty)
        #expect(harness.altinn.completes.isEmpty)
        let entry = try #require(try harness.ledger().entries[id.description])
        #expect(entry.state == .pending)
        #expect(entry.lastError.contains("received \(content.count) bytes, but Altinn declares \(content.count + 10)"))
        #expect(entry.eventIds == [event.id])
        #expect(try harness.cursor() == event.id)
    }

    @Test func anInfectedInstanceIsQuarantinedNotArchivedAndNotConfirmed() async throws {
        let harness = try EngineHarness()
        let id = try harness.altinn.addInstance(
            app: harness.app,
            elements: [
                FakeAltinn.Element(
                    id: "da7a0000-0000-4000-8000-00000000000b", content: Data("MZ".utf8), fileScanResult: .infected)
            ])
        let event = try harness.altinn.addEvent(app: harness.app, instance: id)

        let report = await harness.run()

        #expect(report.exitCode == ExitStatus.partial)
        #expect(report.quarantined.map(\.instance) == [id.description])
        #expect(report.counts.instancesArchived == 0)
        #expect(harness.altinn.downloads == 0)
        #expect(harness.altinn.completes.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: harness.instanceFolder(id)))
        #expect(try harness.ledger().entries[id.description]?.state == .quarantined)
        #expect(try harness.cursor() == event.id)
        // Quarantine is never retried automatically.
        #expect(try harness.ledger().due(app: harness.app.description, now: .distantFuture).isEmpty)
    }
}
