import Dispatch
import Foundation
import Synchronization

/// Turns SIGINT and SIGTERM into cancellation of a task, so the run stops cleanly; a second signal ends the
/// process at once.
final class SignalTrap {
    private let sources: [any DispatchSourceSignal]

    /// Installs the handlers; `onSignal` runs on the first signal.
    init(onSignal: @escaping @Sendable () -> Void) {
        let received = SignalCount()
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if received.increment() > 1 { _exit(130) }
                onSignal()
            }
            source.resume()
            return source
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}

/// How many stop signals arrived.
private final class SignalCount: Sendable {
    private let count = Mutex(0)

    func increment() -> Int {
        count.withLock { value in
            value += 1
            return value
        }
    }
}
