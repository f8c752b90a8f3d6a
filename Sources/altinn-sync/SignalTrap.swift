import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns SIGINT and SIGTERM into a call of `onSignal` (which cancels a task, so the run stops cleanly);
/// a second signal ends the process at once with exit code 130.
///
/// The C handler only writes the signal number to a pipe (async-signal-safe); a POSIX thread of its own reads
/// the pipe and calls the traps installed at that moment. Several traps may be installed at once.
final class SignalTrap {
    private let id: UInt64

    /// Installs a trap until this object is released.
    init(onSignal: @escaping @Sendable () -> Void) {
        id = SignalDispatcher.shared.add(onSignal)
    }

    deinit {
        SignalDispatcher.shared.remove(id)
    }
}

/// The process-wide signal pipe and its reader thread.
private final class SignalDispatcher: Sendable {
    static let shared = SignalDispatcher()

    private struct Handlers {
        var next: UInt64 = 0
        var byID: [UInt64: @Sendable () -> Void] = [:]
        var received = 0
    }

    private let handlers = Mutex(Handlers())

    private init() {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return }
        signalPipeWriteEnd = fds[1]
        signalPipeReadEnd = fds[0]
        for number in [SIGINT, SIGTERM] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = signalHandler
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(number, &action, nil)
        }
        #if canImport(Glibc)
            var thread = pthread_t()
        #else
            var thread: pthread_t?
        #endif
        guard pthread_create(&thread, nil, { _ in signalReader() }, nil) == 0 else { return }
        #if canImport(Glibc)
            pthread_detach(thread)
        #else
            if let thread { pthread_detach(thread) }
        #endif
    }

    func add(_ handler: @escaping @Sendable () -> Void) -> UInt64 {
        handlers.withLock { state in
            state.next += 1
            state.byID[state.next] = handler
            return state.next
        }
    }

    func remove(_ id: UInt64) {
        handlers.withLock { _ = $0.byID.removeValue(forKey: id) }
    }

    fileprivate func deliver() {
        let (count, current) = handlers.withLock { state in
            state.received += 1
            return (state.received, Array(state.byID.values))
        }
        if count > 1 { _exit(130) }
        for handler in current { handler() }
    }
}

/// The pipe the C handler writes to; set once, before any handler is installed.
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

/// The pipe's other end; set once, before the reader thread starts.
nonisolated(unsafe) private var signalPipeReadEnd: Int32 = -1

/// The reader thread: delivers each signal the pipe carries to the traps installed, until the pipe closes.
private func signalReader() -> UnsafeMutableRawPointer? {
    var byte: UInt8 = 0
    while true {
        let count = read(signalPipeReadEnd, &byte, 1)
        if count == 1 {
            SignalDispatcher.shared.deliver()
        } else if count < 0 && errno == EINTR {
            continue
        } else {
            return nil
        }
    }
}

/// The C signal handler: async-signal-safe, it only writes one byte.
private func signalHandler(_ number: Int32) {
    var byte = UInt8(truncatingIfNeeded: number)
    _ = write(signalPipeWriteEnd, &byte, 1)
}
