internal import CCurl
import Dispatch
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Runs libcurl transfers on one thread of its own, through the multi interface.
///
/// Many transfers share the multi handle's connection cache (keep-alive, HTTP/2 multiplexing), and no
/// blocking call ever runs on Swift's cooperative pool.
///
/// With a limit on running transfers, the others wait in the order they were submitted, and one starts the
/// moment another ends, in the same turn of the engine loop: a caller that keeps a few requests waiting here
/// keeps every slot busy without a round trip through Swift's scheduler between one response and the next
/// request.
///
/// Thread model: `multi`, `active` and `waiting` are touched only by the engine thread. Other threads talk to it
/// through `inbox`, guarded by a mutex, and wake it with `curl_multi_wakeup`, which libcurl documents as
/// callable from any thread; they call it while holding the mutex, so it can never reach a multi handle the
/// engine thread has freed.
final class TransferEngine: @unchecked Sendable {
    private struct Inbox {
        var starts: [Transfer] = []
        var cancels: [Transfer] = []
        var stopping = false
        /// Set by the engine thread, under the lock, just before it frees the multi handle: from then on
        /// nobody may wake it.
        var stopped = false
    }

    private let multi: UnsafeMutableRawPointer
    private let inbox = Mutex(Inbox())
    private var active: [UnsafeMutableRawPointer: Transfer] = [:]
    /// Submitted transfers waiting for a running one to end, oldest first.
    private var waiting: [Transfer] = []
    private let maxRunning: Int
    private let threadExited = DispatchSemaphore(value: 0)

    /// Creates an engine and starts its thread.
    ///
    /// - Parameter maxRunning: the most transfers running at once; 0 means no limit.
    init(maxConnectionsPerHost: Int, maxRunning: Int = 0) {
        CurlRuntime.ensureInitialized()
        self.maxRunning = maxRunning
        guard let multi = curl_multi_init() else {
            preconditionFailure("libcurl could not create a multi handle (out of memory)")
        }
        self.multi = multi
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_PIPELINING, ccurl_pipe_multiplex)
        if maxConnectionsPerHost > 0 {
            _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, maxConnectionsPerHost)
        }
        DetachedThread.start(name: "curl-engine") { [self] in run() }
    }

    /// Queues a transfer; its continuation is resumed on the engine thread when it ends. Its handle is made
    /// here, on the caller's thread, so that the engine thread, when a place frees, only adds it.
    func submit(_ transfer: Transfer) {
        do {
            _ = try transfer.makeHandle()
        } catch {
            transfer.fail(error)
            return
        }
        let accepted = inbox.withLock { inbox in
            guard !inbox.stopping else { return false }
            inbox.starts.append(transfer)
            curl_multi_wakeup(multi)
            return true
        }
        if !accepted { transfer.fail(CancellationError()) }
    }

    /// Aborts a transfer, whether it is queued, running, or not yet submitted; a finished one is unaffected.
    func cancel(_ transfer: Transfer) {
        inbox.withLock { inbox in
            guard !inbox.stopped else { return }
            inbox.cancels.append(transfer)
            curl_multi_wakeup(multi)
        }
    }

    /// Cancels every transfer and stops the thread, waiting until it has.
    func shutdown() {
        let alreadyStopping = inbox.withLock { inbox in
            defer {
                inbox.stopping = true
                if !inbox.stopped { curl_multi_wakeup(multi) }
            }
            return inbox.stopping
        }
        guard !alreadyStopping else { return }
        threadExited.wait()
    }

    // MARK: Engine thread

    private func run() {
        var stillRunning: Int32 = 0
        while true {
            let (starts, cancels, stopping) = inbox.withLock { inbox in
                defer {
                    inbox.starts = []
                    inbox.cancels = []
                }
                return (inbox.starts, inbox.cancels, inbox.stopping)
            }
            for transfer in cancels {
                transfer.cancelRequested = true
                if let easy = transfer.easy, active[easy.raw] != nil {
                    abort(transfer, with: CancellationError())
                } else if let index = waiting.firstIndex(where: { $0 === transfer }) {
                    waiting.remove(at: index)
                    transfer.fail(CancellationError())
                }
            }
            waiting.append(contentsOf: starts)
            if stopping {
                for transfer in Array(active.values) { abort(transfer, with: CancellationError()) }
                for transfer in waiting { transfer.fail(CancellationError()) }
                break
            }
            startWaiting()
            curl_multi_perform(multi, &stillRunning)
            var finished = takeFinished()
            while !finished.isEmpty {
                // The waiting transfers take the freed places and go out first; only then are the finished
                // ones handed back, which wakes their tasks and frees their handles.
                let started = startWaiting()
                if started { curl_multi_perform(multi, &stillRunning) }
                for (transfer, result) in finished { transfer.complete(with: result) }
                finished = started ? takeFinished() : []
            }
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        inbox.withLock { $0.stopped = true }
        curl_multi_cleanup(multi)
        threadExited.signal()
    }

    /// Starts waiting transfers, oldest first, while the limit allows; tells whether any was started.
    @discardableResult
    private func startWaiting() -> Bool {
        let room = maxRunning > 0 ? max(0, maxRunning - active.count) : waiting.count
        guard room > 0, !waiting.isEmpty else { return false }
        let starting = waiting.prefix(room)
        waiting.removeFirst(starting.count)
        for transfer in starting { start(transfer) }
        return true
    }

    private func start(_ transfer: Transfer) {
        guard !transfer.cancelRequested else {
            transfer.fail(CancellationError())
            return
        }
        do {
            let easy = try transfer.easy ?? transfer.makeHandle()
            guard curl_multi_add_handle(multi, easy.raw) == CURLM_OK else {
                transfer.fail(HTTPError(code: .transport, url: transfer.request.url, detail: "curl_multi_add_handle"))
                return
            }
            active[easy.raw] = transfer
        } catch {
            transfer.fail(error)
        }
    }

    private func abort(_ transfer: Transfer, with error: any Error) {
        if let easy = transfer.easy {
            curl_multi_remove_handle(multi, easy.raw)
            active[easy.raw] = nil
        }
        transfer.fail(error)
    }

    /// Removes the transfers that ended from the multi handle, with their results.
    private func takeFinished() -> [(Transfer, CURLcode)] {
        var finished: [(Transfer, CURLcode)] = []
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard ccurl_msg_is_done(message) != 0, let handle = ccurl_msg_easy_handle(message) else { continue }
            let result = ccurl_msg_result(message)
            curl_multi_remove_handle(multi, handle)
            guard let transfer = active.removeValue(forKey: handle) else { continue }
            finished.append((transfer, result))
        }
        return finished
    }
}
