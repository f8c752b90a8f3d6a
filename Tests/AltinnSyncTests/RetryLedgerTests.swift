import Foundation
import Testing

@testable import AltinnSync

/// A fixed instant with whole seconds (ISO 8601 state files keep whole seconds).
let epoch = Date(timeIntervalSince1970: 1_714_557_600)  // 2024-05-01T10:00:00Z

extension RetryLedger {
    /// Records a failure with the test defaults.
    mutating func fail(
        _ instanceId: String, app: String = "ttd/app-one", eventIds: [String] = [], quarantine: Bool = false,
        policy: Policy = Policy(), at now: Date = epoch
    ) {
        recordFailure(
            app: app, instanceId: instanceId, foundBy: "events", eventIds: eventIds, error: "boom at \(now)",
            quarantine: quarantine, policy: policy, now: now)
    }
}

@Suite struct RetryLedgerTests {
    let id = "51001/3b46b1e8-2b7a-4f3c-9d62-5c1a4b7f0e21"

    @Test func backoffDoublesAndCaps() throws {
        let policy = RetryLedger.Policy(maxAttempts: 100, initialDelay: .seconds(60), maxDelay: .seconds(600))
        var ledger = RetryLedger()
        var waits: [TimeInterval] = []
        var now = epoch
        for _ in 0..<7 {
            ledger.fail(id, policy: policy, at: now)
            let entry = try #require(ledger.entries[id])
            waits.append(entry.nextAttemptAt.timeIntervalSince(now))
            #expect(entry.lastAttemptAt == now)
            #expect(entry.firstFailedAt == epoch)
            now = entry.nextAttemptAt
        }
        #expect(waits == [60, 120, 240, 480, 600, 600, 600])
        #expect(ledger.entries[id]?.attempts == 7)
    }

    @Test func backoffStaysFiniteAfterManyAttempts() throws {
        let policy = RetryLedger.Policy(maxAttempts: 1000, initialDelay: .seconds(300), maxDelay: .seconds(21600))
        var ledger = RetryLedger()
        for _ in 0..<200 { ledger.fail(id, policy: policy) }
        let entry = try #require(ledger.entries[id])
        #expect(entry.nextAttemptAt.timeIntervalSince(epoch) == 21600)
    }

    @Test func theDefaultPolicyGivesUpAfterAboutADay() throws {
        let policy = RetryLedger.Policy()
        var ledger = RetryLedger()
        var now = epoch
        while ledger.entries[id]?.state != .failed {
            ledger.fail(id, policy: policy, at: now)
            now = try #require(ledger.entries[id]).nextAttemptAt
        }
        let entry = try #require(ledger.entries[id])
        #expect(entry.attempts == 10)
        // 5, 10, 20, 40, 80, 160, 320 minutes, then 6 hours twice: the tenth attempt is 22.6 hours in.
        #expect(entry.lastAttemptAt.timeIntervalSince(entry.firstFailedAt) == 81300)
    }

    @Test func anEntryFailsAtMaxAttempts() throws {
        let policy = RetryLedger.Policy(maxAttempts: 3, initialDelay: .seconds(1), maxDelay: .seconds(1))
        var ledger = RetryLedger()
        var states: [RetryLedger.EntryState] = []
        for _ in 0..<4 {
            ledger.fail(id, policy: policy)
            states.append(try #require(ledger.entries[id]).state)
        }
        #expect(states == [.pending, .pending, .failed, .failed])
        #expect(RetryLedger.Policy(maxAttempts: 0).maxAttempts == 1)
    }

    @Test func quarantinedAndFailedEntriesAreNeverDue() {
        let policy = RetryLedger.Policy(maxAttempts: 1, initialDelay: .zero, maxDelay: .zero)
        var ledger = RetryLedger()
        ledger.fail("1/quarantined", quarantine: true)
        ledger.fail("1/failed", policy: policy)
        ledger.fail("1/pending", policy: RetryLedger.Policy(initialDelay: .zero))
        #expect(ledger.entries["1/quarantined"]?.state == .quarantined)
        #expect(ledger.entries["1/failed"]?.state == .failed)
        let farFuture = epoch.addingTimeInterval(10 * 365 * 86400)
        #expect(ledger.due(app: "ttd/app-one", now: farFuture).map(\.instanceId) == ["1/pending"])
        #expect(ledger.entries(in: .quarantined).map(\.instanceId) == ["1/quarantined"])
        #expect(ledger.entries(in: .failed).map(\.instanceId) == ["1/failed"])
        #expect(ledger.entries(in: .pending).map(\.instanceId) == ["1/pending"])
    }

    @Test func quarantineEndsOnlyByHand() {
        var ledger = RetryLedger()
        ledger.fail("1/q", quarantine: true)
        ledger.fail("1/q", quarantine: false)
        #expect(ledger.entries["1/q"]?.state == .quarantined, "a later ordinary failure keeps the quarantine")
        #expect(ledger.makeDue(instanceIds: ["1/q"], allStuck: false, now: epoch) == ["1/q"])
        #expect(ledger.entries["1/q"]?.state == .pending)
    }

    @Test func dueFiltersByAppAndTimeOldestFirst() {
        let policy = RetryLedger.Policy(initialDelay: .seconds(100), maxDelay: .seconds(100))
        var ledger = RetryLedger()
        ledger.fail("1/c", policy: policy, at: epoch)  // due at +100
        ledger.fail("1/a", policy: policy, at: epoch.addingTimeInterval(50))  // due at +150
        ledger.fail("1/b", policy: policy, at: epoch)  // due at +100 too: ties go by instance id
        ledger.fail("1/other-app", app: "ttd/app-two", policy: policy, at: epoch)

        #expect(ledger.due(app: "ttd/app-one", now: epoch.addingTimeInterval(99)).isEmpty)
        #expect(ledger.due(app: "ttd/app-one", now: epoch.addingTimeInterval(100)).map(\.instanceId) == ["1/b", "1/c"])
        #expect(
            ledger.due(app: "ttd/app-one", now: epoch.addingTimeInterval(150)).map(\.instanceId)
                == ["1/b", "1/c", "1/a"])
        #expect(ledger.due(app: "ttd/app-two", now: epoch.addingTimeInterval(150)).map(\.instanceId) == ["1/other-app"])
        #expect(ledger.due(app: "ttd/app-three", now: epoch.addingTimeInterval(150)).isEmpty)
    }

    @Test func resolveRemovesOnlyThatEntry() {
        var ledger = RetryLedger()
        ledger.fail("1/a")
        ledger.fail("1/b")
        #expect(ledger.contains("1/a"))
        ledger.resolve("1/a")
        #expect(!ledger.contains("1/a"))
        #expect(ledger.contains("1/b"))
        ledger.resolve("1/never-there")
        #expect(ledger.entries.keys.sorted() == ["1/b"])
    }

    @Test func makeDueWithIDs() throws {
        var ledger = RetryLedger()
        let later = epoch.addingTimeInterval(3600)
        ledger.fail("1/failed", policy: .init(maxAttempts: 1))
        ledger.fail("1/quarantined", quarantine: true)
        ledger.fail("1/pending")
        ledger.fail("1/pending")
        let untouched = try #require(ledger.entries["1/quarantined"])

        let changed = ledger.makeDue(instanceIds: ["1/pending", "1/failed", "1/unknown"], allStuck: false, now: later)
        #expect(changed == ["1/failed", "1/pending"])
        for id in changed {
            let entry = try #require(ledger.entries[id])
            #expect(entry.state == .pending)
            #expect(entry.attempts == 0)
            #expect(entry.nextAttemptAt == later)
        }
        #expect(ledger.entries["1/quarantined"] == untouched)
        #expect(ledger.due(app: "ttd/app-one", now: later).map(\.instanceId) == ["1/failed", "1/pending"])
        #expect(!ledger.contains("1/unknown"))
    }

    @Test func makeDueAllStuckTakesFailedAndQuarantinedOnly() throws {
        var ledger = RetryLedger()
        let later = epoch.addingTimeInterval(60)
        ledger.fail("1/failed", policy: .init(maxAttempts: 1))
        ledger.fail("1/quarantined", quarantine: true)
        ledger.fail("1/pending")
        let pending = try #require(ledger.entries["1/pending"])

        let changed = ledger.makeDue(instanceIds: [], allStuck: true, now: later)
        #expect(changed == ["1/failed", "1/quarantined"])
        #expect(ledger.entries(in: .pending).map(\.instanceId) == ["1/failed", "1/pending", "1/quarantined"])
        #expect(ledger.entries["1/pending"] == pending)
        #expect(ledger.due(app: "ttd/app-one", now: later).map(\.instanceId) == ["1/failed", "1/quarantined"])
        #expect(ledger.makeDue(instanceIds: [], allStuck: true, now: later).isEmpty)
    }

    @Test func eventIDsAreDeduplicatedAndBounded() throws {
        var ledger = RetryLedger()
        ledger.fail(id, eventIds: ["e1", "e2", "e1"])
        #expect(ledger.entries[id]?.eventIds == ["e1", "e2"])
        ledger.fail(id, eventIds: ["e2", "e3"])
        #expect(ledger.entries[id]?.eventIds == ["e1", "e2", "e3"])
        ledger.fail(id, eventIds: (4...15).map { "e\($0)" })
        let kept = try #require(ledger.entries[id]?.eventIds)
        #expect(kept == (6...15).map { "e\($0)" })  // the latest ten
        ledger.fail(id, eventIds: [])
        #expect(ledger.entries[id]?.eventIds == kept)
    }

    @Test func laterFailuresKeepTheFirstFailureAndUpdateTheRest() throws {
        var ledger = RetryLedger()
        ledger.recordFailure(
            app: "ttd/app-one", instanceId: id, foundBy: "reconciliation", eventIds: [], error: "first",
            policy: .init(), now: epoch)
        ledger.recordFailure(
            app: "ttd/app-one", instanceId: id, foundBy: "events", eventIds: ["e9"], error: "second",
            policy: .init(), now: epoch.addingTimeInterval(400))
        let entry = try #require(ledger.entries[id])
        #expect(entry.firstFailedAt == epoch)
        #expect(entry.lastAttemptAt == epoch.addingTimeInterval(400))
        #expect(entry.lastError == "second")
        #expect(entry.foundBy == "reconciliation")
        #expect(entry.attempts == 2)
        #expect(entry.eventIds == ["e9"])
    }

    @Test func codableRoundTrip() throws {
        var ledger = RetryLedger()
        ledger.fail("1/a", eventIds: ["e1"])
        ledger.fail("1/b", app: "ttd/app-two", quarantine: true)
        ledger.fail("1/c", policy: .init(maxAttempts: 1))
        let data = try StateStore.encoder.encode(ledger)
        let decoded = try StateStore.decoder.decode(RetryLedger.self, from: data)
        #expect(decoded == ledger)
        #expect(decoded.entries.count == 3)
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.contains(#""state" : "quarantined""#))
        #expect(text.contains(#""nextAttemptAt" : "2024-05-01T10:05:00Z""#))
    }
}
