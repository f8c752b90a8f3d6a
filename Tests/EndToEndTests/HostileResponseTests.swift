import AltinnAPI
import AltinnSimulator
import AltinnSync
import Foundation
import Testing

/// The built program against a simulator serving hostile responses: each ends with the instance in the
/// retry ledger (or a clearly reported block), the others archived, nothing confirmed without its data, and a
/// later run finishing the work.
@Suite(.serialized) struct HostileResponseTests {
    func start(_ faults: [String], instances: Int = 12, config: [String: Any] = [:]) async throws -> EndToEnd {
        try await EndToEnd.start(
            instances: instances, { $0.faults = faults.compactMap { try? FaultRule(spec: $0) } }, config: config)
    }

    func ledger(_ e2e: EndToEnd) throws -> RetryLedger { try StateStore(directory: e2e.stateDirectory).loadLedger() }

    @Test func anInstanceDocumentWithoutDataGoesToTheLedgerAndIsNotConfirmed() async throws {
        let e2e = try await start(["instance:no-data:first1"])
        defer { Task { await e2e.finish() } }

        let first = try await e2e.run(["sync"])

        #expect(first.exitCode == ExitStatus.partial, "\(first.stderr)")
        let entries = try ledger(e2e).entries.values
        let broken = try #require(entries.first)
        #expect(entries.count == 1)
        #expect(broken.lastError.contains("required field 'data' is missing"), "\(broken.lastError)")
        let truth = e2e.simulator.truth()
        #expect(truth.instances.first { $0.instanceID == broken.instanceId }?.confirmed == false)
        #expect(e2e.simulator.ledger().completes(of: broken.instanceId).isEmpty)
        let archived = try ArchiveAudit(archive: e2e.archive, org: "ttd").verifyEveryFolderIsComplete()
        #expect(archived[broken.instanceId] == nil)
        #expect(archived.count == truth.instances.filter(\.completed).count - 1)

        let second = try await e2e.run(["sync"])
        #expect(second.exitCode == 0, "\(second.stderr)")
        try ArchiveAudit(archive: e2e.archive, org: "ttd").verifyMatches(e2e.simulator.truth())
        #expect(try ledger(e2e).entries.isEmpty)
    }

    /// Every event lost: only the query finds the instances.
    func startWithoutEvents(_ fault: String) async throws -> EndToEnd {
        let e2e = try await EndToEnd.start(instances: 12, { $0.lostEventShare = 1 })
        e2e.simulator.setFaults([try FaultRule(spec: fault)])
        return e2e
    }

    @Test func aQueryItemOfTheWrongShapeIsArchivedFromItsOwnDocument() async throws {
        let e2e = try await startWithoutEvents("query:bad-item:first1")
        defer { Task { await e2e.finish() } }

        let run = try await e2e.run(["sync"])

        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(try ledger(e2e).entries.isEmpty)
        try ArchiveAudit(archive: e2e.archive, org: "ttd").verifyMatches(e2e.simulator.truth())
    }

    @Test func aQueryItemWithoutAnIdIsSkippedAndTheNextRunSweepsAgain() async throws {
        let e2e = try await startWithoutEvents("query:bad-item-noid:first1")
        defer { Task { await e2e.finish() } }

        let first = try await e2e.run(["sync"])

        #expect(first.exitCode == 0, "\(first.stderr)")
        #expect(first.stderr.contains("names no usable instance"), "\(first.stderr)")
        let completed = e2e.simulator.truth().instances.filter(\.completed).count
        #expect(try ArchiveAudit(archive: e2e.archive, org: "ttd").verifyEveryFolderIsComplete().count == completed - 1)

        // The sweep could not name one instance, so it stays due rather than waiting a day.
        let second = try await e2e.run(["sync"])
        #expect(second.exitCode == 0, "\(second.stderr)")
        try ArchiveAudit(archive: e2e.archive, org: "ttd").verifyMatches(e2e.simulator.truth())
    }

    @Test func aMalformedEventsPageIsAskedAgainSmaller() async throws {
        let e2e = try await start(["events:malformed:first1"])
        defer { Task { await e2e.finish() } }

        let run = try await e2e.run(["sync"])

        #expect(run.exitCode == 0, "\(run.stderr)")
        try ArchiveAudit(archive: e2e.archive, org: "ttd").verifyMatches(e2e.simulator.truth())
        let sizes = e2e.simulator.ledger().entries(.eventsPage).compactMap { $0.query }.filter {
            $0.contains("size=25")
        }
        #expect(!sizes.isEmpty, "the page after the malformed one was asked with half the size")
    }

    @Test func anEventsPageOverTheBodyLimitIsAskedAgainSmaller() async throws {
        // Events of 1.5 MB each: a page of more than 22 is over the client's 32 MiB bound.
        let e2e = try await start(["events:bloat:always:1500000"], instances: 60, config: ["eventPageSize": 50])
        defer { Task { await e2e.finish() } }

        let run = try await e2e.run(["sync"])

        #expect(run.exitCode == 0, "\(run.stderr)")
        try ArchiveAudit(archive: e2e.archive, org: "ttd").verifyMatches(e2e.simulator.truth())
        #expect(run.stderr.contains("asking for fewer events"), "\(run.stderr)")
    }

    @Test func aFeedThatStaysUnreadableIsReportedBlockedAndReconciliationStillArchives() async throws {
        let e2e = try await start(["events:malformed:always"])
        defer { Task { await e2e.finish() } }

        let run = try await e2e.run(["sync"])

        #expect(run.exitCode == ExitStatus.partial, "\(run.stderr)")
        #expect(run.stderr.contains("is blocked"), "\(run.stderr)")
        // Every completed instance came through the query instead, and was confirmed.
        try ArchiveAudit(archive: e2e.archive, org: "ttd").verifyMatches(e2e.simulator.truth())
        let status = try await e2e.run(["status"])
        #expect(status.exitCode == 1, "WARNING: \(status.stdout)")
        #expect(status.stdout.contains("blocked after event"), "\(status.stdout)")
        #expect(status.stdout.contains("report it to Altinn"), "\(status.stdout)")
    }

    @Test func anElementDeclaredZeroBytesIsStoredAndMarkedUnverified() async throws {
        let e2e = try await start(["instance:zero-size:always"])
        defer { Task { await e2e.finish() } }

        let run = try await e2e.run(["sync"])

        #expect(run.exitCode == 0, "\(run.stderr)")
        let manifests = try ArchiveAudit(archive: e2e.archive, org: "ttd").verifyEveryFolderIsComplete()
        try ArchiveAudit(archive: e2e.archive, org: "ttd").verifyMatches(e2e.simulator.truth())
        let elements = manifests.values.flatMap(\.dataElements)
        #expect(elements.allSatisfy { $0.bytes == 0 || $0.sizeVerified == false })
    }

    @Test func aLyingContentLengthCostsOneImmediateRetryNotALedgerEntry() async throws {
        let e2e = try await start(["data:lying-length:first1:100"])
        defer { Task { await e2e.finish() } }

        let run = try await e2e.run(["sync"])

        // The short element fails its size check and waits in the ledger; the connection it poisoned costs the
        // next request on it one fresh connection, not a failure (the transport's own tests show the retry).
        let ledger = try ledger(e2e)
        #expect(run.exitCode == 0 || run.exitCode == ExitStatus.partial, "\(run.stderr)")
        #expect(ledger.entries.values.allSatisfy { $0.lastError.contains("but Altinn declares") }, "\(ledger.entries)")
        #expect(ledger.entries.count <= 1)
        let second = try await e2e.run(["sync"])
        #expect(second.exitCode == 0, "\(second.stderr)")
        try ArchiveAudit(archive: e2e.archive, org: "ttd").verifyMatches(e2e.simulator.truth())
    }

    @Test func aShortTokenLifetimeCostsAFewExchangesNotOnePerRequest() async throws {
        let e2e = try await EndToEnd.start(
            instances: 12, { $0.altinnTokenLifetime = 20 }, config: ["tokenCache": false])
        defer { Task { await e2e.finish() } }

        let run = try await e2e.run(["sync"])

        #expect(run.exitCode == 0, "\(run.stderr)")
        let ledger = e2e.simulator.ledger()
        let requests = ledger.entries(.instanceRead).count + ledger.entries(.download).count
        #expect(requests > 20)
        #expect(ledger.entries(.tokenExchanged).count <= 3, "\(ledger.entries(.tokenExchanged).count) exchanges")
    }
}
