/// What processing one instance led to.
public enum InstanceOutcome: Sendable, Equatable {
    /// Newly written to the archive; `confirmed` when `complete` was sent and accepted.
    case archived(bytes: Int64, confirmed: Bool)
    /// It was already in the archive; `confirmed` when this run sent the missing confirmation.
    case alreadyArchived(confirmed: Bool)
    /// Nothing to do: the process has not ended, or the instance is not ours to take.
    case skipped(reason: String)
    /// Dry run: what would be written and confirmed.
    case wouldArchive(elements: Int, declaredBytes: Int64, wouldConfirm: Bool)
    /// Not archived and not confirmed because of its content (an infected data element).
    case quarantined(reason: String)
    /// Failed; recorded in the retry ledger.
    case failed(InstanceFailure)
}

extension InstanceOutcome {
    /// The data bytes this outcome put in the archive.
    var archivedBytes: Int64 {
        switch self {
        case .archived(let bytes, _): bytes
        case .failed(let failure): failure.archivedBytes ?? 0
        default: 0
        }
    }
}

/// Why one instance failed: it goes to the retry ledger with this message.
public struct InstanceFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, safe to log and store.
    public var message: String
    /// Whether the failure tells of trouble at Altinn (network, timeouts, 5xx, 429) rather than of this
    /// instance's state (a process not ended yet, a scan still pending, a short download): only such failures
    /// of several instances in a row mean that Altinn is down.
    public var isServiceTrouble: Bool
    /// The bytes this attempt archived before failing (its files are in place; the confirmation failed), or nil
    /// when nothing was archived.
    public var archivedBytes: Int64?

    /// Creates a failure.
    public init(_ message: String, isServiceTrouble: Bool = false) {
        self.message = message
        self.isServiceTrouble = isServiceTrouble
    }

    public var description: String { message }
}
