import AltinnSync
import ArgumentParser

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `altinn-sync retry`: make ledger entries due again, or forget those handled by hand.
struct RetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Make failed or quarantined instances due again; the next sync retries them.",
        discussion: """
            Name instances as {partyId}/{instanceGuid}, or use --all-failed for every entry that failed or is \
            quarantined (acknowledged ones stay as they are; name one to retry it). With --forget, the named \
            entries are removed instead, for failed instances whose cause was dealt with so that an event or \
            reconciliation may find them afresh. A quarantined or acknowledged entry is not forgotten: \
            reconciliation would find it and quarantine it again; mark it handled with altinn-sync acknowledge. \
            Takes the run lock, so it waits for no run: while sync or watch is working it exits 11; try again.
            """)

    @OptionGroup var global: GlobalOptions

    @OptionGroup var list: InstanceList

    @Flag(name: .long, help: "Retry every failed and quarantined entry.")
    var allFailed = false

    @Flag(name: .long, help: "Remove the named failed or pending entries from the retry ledger instead.")
    var forget = false

    func validate() throws {
        if list.instances.isEmpty && !allFailed {
            throw ValidationError("Name the instances to retry, or pass --all-failed.")
        }
        if forget && (allFailed || list.instances.isEmpty) {
            throw ValidationError("--forget takes named instances only, not --all-failed.")
        }
    }

    func run() throws {
        let logger = global.makeLogger()
        let configuration = try global.loadConfiguration(logger: logger)
        let (ids, forget, allFailed) = (list.ids, forget, allFailed)
        let (changed, unknown, kept): ([String], [String], [RetryLedger.Entry]) = try LedgerEdit.apply(
            configuration, logger: logger
        ) { ledger in
            let unknown = ids.filter { !ledger.contains($0) }
            guard forget else {
                return (ledger.makeDue(instanceIds: ids, allStuck: allFailed, now: Date()), unknown, [])
            }
            // Forgetting a quarantined or acknowledged entry would let reconciliation quarantine it again.
            let kept = ids.compactMap { ledger.entries[$0] }.filter {
                $0.state == .quarantined || $0.state == .acknowledged
            }
            let forgotten = ids.filter { id in ledger.contains(id) && !kept.contains { $0.instanceId == id } }
            for id in forgotten { ledger.resolve(id) }
            return (forgotten, unknown, kept)
        }
        for id in changed { print(forget ? "forgotten: \(id)" : "due again: \(id)") }
        for entry in kept { logger.error("not forgotten: \(Self.whyKept(entry))") }
        for id in unknown { logger.error("not in the retry ledger: \(id)") }
        if changed.isEmpty && unknown.isEmpty && kept.isEmpty { print("nothing to retry") }
        if !unknown.isEmpty || !kept.isEmpty { throw ExitCode(ExitStatus.usage) }
    }

    /// Why `--forget` keeps an entry, and what to do instead.
    static func whyKept(_ entry: RetryLedger.Entry) -> String {
        let id = entry.instanceId
        return entry.state == .quarantined
            ? "\(id) is quarantined; forgotten, it would be found by the next reconciliation and quarantined "
                + "again. Once it is handled, mark it with altinn-sync acknowledge \(id)"
            : "\(id) is acknowledged; it stays in the ledger so that reconciliation does not take it up again "
                + "(altinn-sync retry \(id) tries it again)"
    }
}
