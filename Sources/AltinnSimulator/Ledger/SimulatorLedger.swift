/// Everything the simulator recorded, oldest first.
public struct SimulatorLedger: Sendable, Hashable, Codable {
    /// The entries in the order they happened.
    public var entries: [LedgerEntry]

    /// Creates a ledger.
    public init(entries: [LedgerEntry]) {
        self.entries = entries
    }

    /// The entries of `kind`, in order.
    public func entries(_ kind: LedgerEntry.Kind) -> [LedgerEntry] {
        entries.filter { $0.kind == kind }
    }

    /// Completed downloads of `dataElementID`.
    public func completedDownloads(of dataElementID: String) -> [LedgerEntry] {
        entries(.download).filter { $0.dataElementID == dataElementID && $0.completed == true }
    }

    /// Confirmations of the instance `{partyId}/{guid}`, in order.
    public func completes(of instanceID: String) -> [LedgerEntry] {
        entries(.complete).filter { $0.instanceID == instanceID }
    }
}
