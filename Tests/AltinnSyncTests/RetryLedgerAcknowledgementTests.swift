import Foundation
import Testing

@testable import AltinnSync

/// Entries a person acknowledged as handled stay in the ledger, handled: never due, never stuck, never reopened
/// by a run; only naming one to `retry` reopens it.
@Suite struct RetryLedgerAcknowledgementTests {
    let later = epoch.addingTimeInterval(3600)

    @Test func anAcknowledgedQuarantineIsNeitherDueNorStuckAndStaysHandled() throws {
        var ledger = RetryLedger()
        ledger.fail("1/q", quarantine: true)
        ledger.fail("1/failed", policy: .init(maxAttempts: 1))
        let before = ledger.acknowledge(instanceIds: ["1/q", "1/unknown"], note: "case 2026/17", now: later)
        #expect(before.map(\.instanceId) == ["1/q"])
        #expect(before.first?.state == .quarantined, "the entry as it was")

        let entry = try #require(ledger.entries["1/q"])
        #expect(entry.state == .acknowledged)
        #expect(entry.acknowledgedAt == later)
        #expect(entry.acknowledgementNote == "case 2026/17")
        #expect(entry.lastError.hasPrefix("boom"), "what went wrong is kept")
        #expect(ledger.contains("1/q"), "kept, so that reconciliation skips it")
        #expect(ledger.isAcknowledged("1/q"))
        #expect(ledger.entries(in: .quarantined).isEmpty)
        #expect(ledger.due(app: "ttd/app-one", now: .distantFuture).isEmpty)
        #expect(ledger.makeDue(instanceIds: [], allStuck: true, now: later) == ["1/failed"], "not --all-failed")
        #expect(ledger.isAcknowledged("1/q"))

        ledger.fail("1/q", quarantine: true, at: later)
        #expect(ledger.isAcknowledged("1/q"), "a failure does not reopen it")
        #expect(!ledger.isAcknowledged("1/failed"))
    }

    @Test func acknowledgingAgainKeepsTheTimeAndTheNoteUnlessANewOneIsGiven() throws {
        var ledger = RetryLedger()
        ledger.fail("1/q", quarantine: true)
        _ = ledger.acknowledge(instanceIds: ["1/q"], note: "first", now: epoch)
        let again = ledger.acknowledge(instanceIds: ["1/q"], note: nil, now: later)
        #expect(again.first?.state == .acknowledged)
        #expect(ledger.entries["1/q"]?.acknowledgedAt == epoch)
        #expect(ledger.entries["1/q"]?.acknowledgementNote == "first")
        _ = ledger.acknowledge(instanceIds: ["1/q"], note: "second", now: later)
        #expect(ledger.entries["1/q"]?.acknowledgementNote == "second")
    }

    @Test func namingAnAcknowledgedEntryToRetryReopensIt() throws {
        var ledger = RetryLedger()
        ledger.fail("1/q", quarantine: true)
        _ = ledger.acknowledge(instanceIds: ["1/q"], note: "by mistake", now: epoch)
        #expect(ledger.makeDue(instanceIds: ["1/q"], allStuck: false, now: later) == ["1/q"])
        let entry = try #require(ledger.entries["1/q"])
        #expect(entry.state == .pending)
        #expect(entry.acknowledgedAt == nil)
        #expect(entry.acknowledgementNote == nil)
        #expect(ledger.due(app: "ttd/app-one", now: later).map(\.instanceId) == ["1/q"])
    }

    @Test func aLedgerFileWrittenBeforeAcknowledgementsLoads() throws {
        let old = """
            {
              "entries" : {
                "1/q" : {
                  "app" : "ttd/app-one", "attempts" : 1, "eventIds" : ["e1"],
                  "firstFailedAt" : "2024-05-01T10:00:00Z", "foundBy" : "events", "instanceId" : "1/q",
                  "lastAttemptAt" : "2024-05-01T10:00:00Z", "lastError" : "infected",
                  "nextAttemptAt" : "2024-05-01T10:05:00Z", "state" : "quarantined"
                }
              },
              "formatVersion" : 1
            }
            """
        let ledger = try StateStore.decoder.decode(RetryLedger.self, from: Data(old.utf8))
        let entry = try #require(ledger.entries["1/q"])
        #expect(entry.state == .quarantined)
        #expect(entry.acknowledgedAt == nil)
        #expect(entry.acknowledgementNote == nil)

        var acknowledged = ledger
        _ = acknowledged.acknowledge(instanceIds: ["1/q"], note: "done", now: epoch)
        let data = try StateStore.encoder.encode(acknowledged)
        #expect(try StateStore.decoder.decode(RetryLedger.self, from: data) == acknowledged)
        #expect(String(decoding: data, as: UTF8.self).contains(#""state" : "acknowledged""#))
    }
}
