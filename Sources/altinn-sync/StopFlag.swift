import Synchronization

/// A flag set once, from any thread.
final class StopFlag: Sendable {
    private let value = Atomic(false)

    /// Sets the flag.
    func set() { value.store(true, ordering: .relaxed) }

    /// Whether the flag is set.
    var isSet: Bool { value.load(ordering: .relaxed) }
}
