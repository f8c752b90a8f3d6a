import CurlHTTP

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Instances that failed, with when to try them again (`<stateDir>/retry-ledger.json`).
///
/// An instance enters the ledger before the cursor may pass its event, so a failure is never forgotten.
/// Retries back off across runs; after ``Policy/maxAttempts`` the entry is marked failed and waits for a
/// person (`altinn-sync retry`). Quarantined entries (infected data) are never retried automatically.
/// Acknowledged entries were handled by a person (`altinn-sync acknowledge`): they are never retried nor
/// reported, and stay in the ledger so that reconciliation, which skips instances in the ledger, does not
/// find them again.
public struct RetryLedger: Codable, Sendable, Equatable {
    /// The state of an entry.
    public enum EntryState: String, Codable, Sendable, CaseIterable {
        /// Will be retried when due.
        case pending
        /// Gave up after too many attempts; retried only by hand.
        case failed
        /// Blocked by content (an infected data element); retried only by hand.
        case quarantined
        /// Handled by a person outside altinn-sync: never retried, not reported, kept so that it is not found
        /// again. Retried only when named to `altinn-sync retry`.
        case acknowledged
    }

    /// One instance that is not done.
    public struct Entry: Codable, Sendable, Equatable {
        /// `{org}/{app}`.
        public var app: String
        /// `{partyId}/{instanceGuid}`.
        public var instanceId: String
        /// How the instance was last tried: `events`, `reconciliation` or `retry`.
        public var foundBy: String
        /// Event ids that named the instance (the latest few).
        public var eventIds: [String]
        /// The state.
        public var state: EntryState
        /// Attempts so far.
        public var attempts: Int
        /// When the first attempt failed.
        public var firstFailedAt: Date
        /// When the last attempt ran.
        public var lastAttemptAt: Date
        /// When the next automatic attempt is due.
        public var nextAttemptAt: Date
        /// What went wrong last time.
        public var lastError: String
        /// When a person acknowledged the entry as handled (state ``EntryState/acknowledged``).
        public var acknowledgedAt: Date?
        /// What the person noted when acknowledging it, if anything.
        public var acknowledgementNote: String?
    }

    /// When to retry.
    public struct Policy: Sendable, Equatable {
        /// Attempts before an entry is marked failed.
        public var maxAttempts: Int
        /// The wait after the first failure; each later wait doubles.
        public var initialDelay: Duration
        /// The longest wait.
        public var maxDelay: Duration

        /// Creates a policy; the defaults retry for about a day (the tenth attempt is 22.6 hours after the first).
        public init(maxAttempts: Int = 10, initialDelay: Duration = .seconds(300), maxDelay: Duration = .seconds(21600))
        {
            self.maxAttempts = max(1, maxAttempts)
            self.initialDelay = initialDelay
            self.maxDelay = maxDelay
        }
    }

    /// The ledger format; increases on incompatible changes.
    public var formatVersion = 1
    /// Entries keyed by instance id.
    public private(set) var entries: [String: Entry] = [:]

    /// An empty ledger.
    public init() {}

    /// Records a failed attempt for `instanceId` and schedules the next one.
    public mutating func recordFailure(
        app: String, instanceId: String, foundBy: String, eventIds: [String], error: String, quarantine: Bool = false,
        policy: Policy, now: Date
    ) {
        var entry =
            entries[instanceId]
            ?? Entry(
                app: app, instanceId: instanceId, foundBy: foundBy, eventIds: [], state: .pending, attempts: 0,
                firstFailedAt: now, lastAttemptAt: now, nextAttemptAt: now, lastError: error)
        entry.attempts += 1
        entry.lastAttemptAt = now
        entry.lastError = error
        for id in eventIds where !entry.eventIds.contains(id) { entry.eventIds.append(id) }
        entry.eventIds = Array(entry.eventIds.suffix(10))
        let exponent = Double(min(entry.attempts - 1, 30))
        let wait = min(policy.maxDelay.seconds, policy.initialDelay.seconds * pow(2, exponent))
        entry.nextAttemptAt = now.addingTimeInterval(wait)
        if entry.state == .acknowledged {
            // Handled by a person: a failure does not reopen it (it gets no job unless named to retry).
        } else if quarantine || entry.state == .quarantined {
            // Quarantine ends only by hand (makeDue): a later failure of another kind must not turn it into an
            // automatic retry.
            entry.state = .quarantined
        } else if entry.attempts >= policy.maxAttempts {
            entry.state = .failed
        } else {
            entry.state = .pending
        }
        entries[instanceId] = entry
    }

    /// Removes `instanceId`: it is done.
    public mutating func resolve(_ instanceId: String) {
        entries[instanceId] = nil
    }

    /// Marks the entries named in `instanceIds` as handled by a person (any state), with `note`. Returns the
    /// entries as they were before, for those changed.
    public mutating func acknowledge(instanceIds: [String], note: String?, now: Date) -> [Entry] {
        var before: [Entry] = []
        for id in instanceIds {
            guard var entry = entries[id] else { continue }
            before.append(entry)
            if entry.state != .acknowledged { entry.acknowledgedAt = now }
            entry.state = .acknowledged
            entry.acknowledgementNote = note ?? entry.acknowledgementNote
            entries[id] = entry
        }
        return before
    }

    /// Whether `instanceId` has an entry acknowledged as handled.
    public func isAcknowledged(_ instanceId: String) -> Bool { entries[instanceId]?.state == .acknowledged }

    /// Whether `instanceId` has an entry.
    public func contains(_ instanceId: String) -> Bool { entries[instanceId] != nil }

    /// Pending entries of `app` due at `now`, oldest first.
    public func due(app: String, now: Date) -> [Entry] {
        entries.values.filter { $0.app == app && $0.state == .pending && $0.nextAttemptAt <= now }
            .sorted { ($0.nextAttemptAt, $0.instanceId) < ($1.nextAttemptAt, $1.instanceId) }
    }

    /// Entries in `state`, sorted by instance id.
    public func entries(in state: EntryState) -> [Entry] {
        entries.values.filter { $0.state == state }.sorted { $0.instanceId < $1.instanceId }
    }

    /// Makes entries due now and pending again: those named in `instanceIds` (acknowledged ones included), or,
    /// when `allStuck`, every failed and quarantined entry. Returns the ids changed.
    public mutating func makeDue(instanceIds: [String], allStuck: Bool, now: Date) -> [String] {
        var changed: [String] = []
        for (id, var entry) in entries
        where instanceIds.contains(id) || (allStuck && (entry.state == .failed || entry.state == .quarantined)) {
            entry.state = .pending
            entry.nextAttemptAt = now
            entry.attempts = 0
            entry.acknowledgedAt = nil
            entry.acknowledgementNote = nil
            entries[id] = entry
            changed.append(id)
        }
        return changed.sorted()
    }
}
