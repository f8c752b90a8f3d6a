import Dispatch
import Foundation
import Synchronization

/// Threads of their own for blocking file work (fsync, rename, directory creation), so that no blocking call
/// runs on Swift's cooperative pool, and so that the fsyncs of several instances overlap: the file system
/// commits concurrent fsyncs together, so many at once cost little more than one.
///
/// Thread model: ``run(_:)`` appends a job to `queue` under the mutex and signals `available`; each worker
/// thread waits on `available`, takes the oldest job under the mutex and runs it outside it. ``shutdown()``
/// sets `stopping` and wakes every worker, which then exits; later jobs fail with `CancellationError`.
final class DiskWorkers: Sendable {
    private struct State {
        var queue: [@Sendable () -> Void] = []
        var stopping = false
    }

    private let state = Mutex(State())
    private let available = DispatchSemaphore(value: 0)
    private let threads: Int

    /// Starts `threads` worker threads (at least 1). They hold the pool until ``shutdown()``.
    init(threads: Int) {
        self.threads = max(1, threads)
        for index in 0..<self.threads {
            let thread = Thread { [self] in work() }
            thread.name = "altinn-sync.disk-\(index)"
            thread.start()
        }
    }

    /// Runs `job` on a worker thread and returns what it returns or throws.
    func run<Value: Sendable>(_ job: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, any Error>) in
            let accepted = state.withLock { state in
                guard !state.stopping else { return false }
                state.queue.append { continuation.resume(with: Result { try job() }) }
                return true
            }
            if accepted {
                available.signal()
            } else {
                continuation.resume(throwing: CancellationError())
            }
        }
    }

    /// Runs `job` on a worker thread without waiting for it; a job submitted after ``shutdown()`` runs at once on
    /// the caller's thread instead, so that it is never lost.
    func submit(_ job: @escaping @Sendable () -> Void) {
        let accepted = state.withLock { state in
            guard !state.stopping else { return false }
            state.queue.append(job)
            return true
        }
        if accepted { available.signal() } else { job() }
    }

    /// Lets the workers finish the jobs already accepted, then stops them.
    func shutdown() {
        let wasStopping = state.withLock { state in
            defer { state.stopping = true }
            return state.stopping
        }
        guard !wasStopping else { return }
        for _ in 0..<threads { available.signal() }
    }

    private func work() {
        while true {
            available.wait()
            let job = state.withLock { state -> (@Sendable () -> Void)? in
                state.queue.isEmpty ? nil : state.queue.removeFirst()
            }
            if let job {
                job()
            } else if state.withLock({ $0.stopping }) {
                return
            }
        }
    }
}
