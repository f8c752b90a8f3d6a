import Synchronization

/// Bounds the Altinn requests in flight across a whole run (`concurrency`, shared by every app and
/// instance), and hands a freed slot to the most urgent waiter: page reads first, then the work of the
/// instance started earliest (``Priority``). Instances so finish roughly in the order they started, the
/// cursor moves steadily, and few instances are open at once.
final class RequestGate: Sendable {
    /// Who gets a slot first: the lower rank, then the earlier arrival.
    struct Priority: Sendable, Comparable {
        let rank: Int

        /// A page of the events feed or of the instance query: the source of all further work.
        static let pageRead = Priority(rank: 0)

        /// The request `step` of the instance job started as number `sequence` of the run. A later step ranks
        /// as if its job had started `stepSpan` jobs later: the newest jobs' reads and downloads go before the
        /// confirmations of jobs up to `stepSpan` older. In a steady flow that changes little; at the end of a
        /// batch it starts the last instances' chains of requests early, so the batch ends in a full last wave
        /// rather than with one instance's confirmation alone on the wire.
        static func instance(_ sequence: Int, _ step: InstanceStep = .read, stepSpan: Int = 0) -> Priority {
            Priority(rank: 1 + max(0, sequence) + step.rawValue * max(0, stepSpan))
        }

        static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rank < rhs.rank }
    }

    /// The steps of an instance job that call Altinn, in the order they run.
    enum InstanceStep: Int, Sendable {
        case read, download, confirm
    }

    private struct Waiter {
        let priority: Priority
        let arrival: UInt64
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var inFlight = 0
        var peak = 0
        var arrivals: UInt64 = 0
        /// Sorted by priority, then arrival.
        var waiters: [Waiter] = []
    }

    /// The most requests in flight at once.
    let limit: Int
    private let state = Mutex(State())

    /// Creates a gate for `limit` requests at once (at least 1).
    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// The most requests that were in flight at once so far.
    var peakInFlight: Int { state.withLock { $0.peak } }

    /// Runs `body` holding one slot, waiting for one first if all are taken. Cancelling the task while it
    /// waits ends the wait with `CancellationError`.
    func withSlot<Result>(_ priority: Priority, _ body: () async throws -> Result) async throws -> Result {
        try await acquire(priority)
        defer { release() }
        return try await body()
    }

    private func acquire(_ priority: Priority) async throws {
        let arrival = state.withLock { state in
            state.arrivals += 1
            return state.arrivals
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let granted: Result<Void, any Error>? = state.withLock { state in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if state.inFlight < limit && state.waiters.isEmpty {
                        state.inFlight += 1
                        state.peak = max(state.peak, state.inFlight)
                        return .success(())
                    }
                    let waiter = Waiter(priority: priority, arrival: arrival, continuation: continuation)
                    let index = state.waiters.firstIndex { ($0.priority, $0.arrival) > (priority, arrival) }
                    state.waiters.insert(waiter, at: index ?? state.waiters.endIndex)
                    return nil
                }
                if let granted { continuation.resume(with: granted) }
            }
        } onCancel: {
            let waiting = state.withLock { state -> CheckedContinuation<Void, any Error>? in
                guard let index = state.waiters.firstIndex(where: { $0.arrival == arrival }) else { return nil }
                return state.waiters.remove(at: index).continuation
            }
            waiting?.resume(throwing: CancellationError())
        }
    }

    /// Passes the slot to the most urgent waiter, or frees it.
    private func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, any Error>? in
            guard !state.waiters.isEmpty else {
                state.inFlight -= 1
                return nil
            }
            return state.waiters.removeFirst().continuation
        }
        next?.resume()
    }
}
