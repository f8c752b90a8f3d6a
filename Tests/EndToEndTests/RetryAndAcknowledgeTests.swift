import AltinnSimulator
import AltinnSync
import Foundation
import Testing

/// `retry` and `acknowledge`: the retry ledger changed by hand, from the real program.
@Suite(.serialized) struct RetryAndAcknowledgeTests {
    @Test func retryMakesFailedEntriesDueAgain() async throws {
        let e2e = try await EndToEnd.start(instances: 6, config: ["concurrency": 1])
        defer { Task { await e2e.finish() } }
        try await failOneInstanceForGood(e2e)
        let failed = try StateStore(directory: e2e.stateDirectory).loadLedger().entries(in: .failed)
        #expect(!failed.isEmpty)
        e2e.simulator.setFaults([])
        #expect(try await e2e.run(["sync"]).exitCode == 3, "failed entries wait for a person")
        let unknown = try await e2e.run(["retry", "1/00000000-0000-0000-0000-000000000000"])
        #expect(unknown.exitCode == 64)
        let retry = try await e2e.run(["retry", "--all-failed"])
        #expect(retry.exitCode == 0)
        for entry in failed { #expect(retry.stdout.contains("due again: \(entry.instanceId)")) }
        #expect(try await e2e.run(["sync"]).exitCode == 0)
        try ArchiveAudit(archive: e2e.archive, org: "ttd").verifyMatches(e2e.simulator.truth())
    }

    @Test func aQuarantinedInstanceAcknowledgedStaysHandledAndQuiet() async throws {
        let e2e = try await EndToEnd.start(instances: 10) { $0.infectedInstance = true }
        defer { Task { await e2e.finish() } }
        let store = StateStore(directory: e2e.stateDirectory)
        #expect(try await e2e.run(["sync"]).exitCode == 3)
        let quarantined = try #require(try store.loadLedger().entries(in: .quarantined).first)
        let id = quarantined.instanceId
        let malformed = try await e2e.run(["acknowledge", "123/abc"])
        #expect(malformed.exitCode == 64)
        #expect(malformed.stderr.contains("is not an instance id"))

        // Forgetting it would have the next sweep quarantine it again: refused, with the way to go.
        let forget = try await e2e.run(["retry", "--forget", id])
        #expect(forget.exitCode == 64)
        #expect(forget.stderr.contains("altinn-sync acknowledge \(id)"), "\(forget.stderr)")
        #expect(try store.loadLedger().entries[id]?.state == .quarantined)

        let acknowledge = try await e2e.run(["acknowledge", id, "--note", "handled with the submitter"])
        #expect(acknowledge.exitCode == 0, "\(acknowledge.stderr)")
        #expect(acknowledge.stdout.contains("acknowledged: \(id) (was quarantined"), "\(acknowledge.stdout)")
        #expect(try store.loadLedger().entries[id]?.state == .acknowledged)

        // Runs say nothing of it any more, and a sweep does not take it up again.
        e2e.simulator.clearLedger()
        for command in [["sync", "-q"], ["reconcile", "-q"], ["retry", "--all-failed"]] {
            let run = try await e2e.run(command)
            #expect(run.exitCode == 0, "\(command): \(run.stderr)")
            #expect(run.stderr.isEmpty, "\(command): \(run.stderr)")
        }
        #expect(e2e.simulator.ledger().entries(.instanceQuery).count > 0, "reconcile swept")
        #expect(e2e.simulator.ledger().entries(.instanceRead).isEmpty, "and left it alone")
        #expect(try store.loadLedger().entries[id]?.state == .acknowledged)

        let status = try await e2e.run(["status"])
        #expect(status.exitCode == 0, "\(status.stdout)")
        #expect(status.stdout.hasPrefix("OK: "), "\(status.stdout)")
        #expect(status.stdout.contains("acknowledged ttd/"), "\(status.stdout)")
        #expect(status.stdout.contains("(handled with the submitter)"), "\(status.stdout)")

        // Named to retry, it is tried again (and quarantined again: its content has not changed).
        #expect(try await e2e.run(["retry", id]).exitCode == 0)
        #expect(try await e2e.run(["sync"]).exitCode == 3)
        #expect(try store.loadLedger().entries[id]?.state == .quarantined)
    }

    @Test func retryForgetRemovesAFailedEntry() async throws {
        let e2e = try await EndToEnd.start(instances: 6, config: ["concurrency": 1])
        defer { Task { await e2e.finish() } }
        try await failOneInstanceForGood(e2e)
        let failed = try #require(try StateStore(directory: e2e.stateDirectory).loadLedger().entries(in: .failed).first)
        let forget = try await e2e.run(["retry", "--forget", failed.instanceId])
        #expect(forget.exitCode == 0, "\(forget.stderr)")
        #expect(forget.stdout.contains("forgotten: \(failed.instanceId)"))
        #expect(try StateStore(directory: e2e.stateDirectory).loadLedger().entries.isEmpty)
    }

    /// Makes the first sync leave one instance failed for good: one attempt per instance, and its one
    /// download's attempts all answered 500 (one instance at a time, so the three 500s hit one download).
    private func failOneInstanceForGood(_ e2e: EndToEnd) async throws {
        try e2e.editConfig { $0["retry"] = ["maxAttempts": 1, "initialDelay": "0s", "maxDelay": "0s"] }
        e2e.simulator.setFaults([
            FaultRule(route: .data, kind: .serverError(status: 500, retryAfter: nil), firstRequests: 3)
        ])
        #expect(try await e2e.run(["sync"]).exitCode == 3)
    }
}
