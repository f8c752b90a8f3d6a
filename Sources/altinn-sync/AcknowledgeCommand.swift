import AltinnSync
import ArgumentParser

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `altinn-sync acknowledge`: mark retry-ledger entries as handled by a person.
struct AcknowledgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "acknowledge",
        abstract: "Mark quarantined or failed instances as handled, so that they are no longer reported.",
        discussion: """
            For an instance a person dealt with outside altinn-sync, such as a quarantined submission with an \
            infected attachment handled with the submitter. The entry stays in the retry ledger as acknowledged: \
            it is never retried, runs no longer report it, status lists it without counting it as a problem, and \
            neither reconciliation nor a replayed event takes it up again. Nothing is archived or confirmed. \
            altinn-sync retry INSTANCE undoes it (the instance is then tried again). Takes the run lock: while \
            sync or watch is working it exits 11; try again.
            """)

    @OptionGroup var global: GlobalOptions

    @OptionGroup var list: InstanceList

    @Option(name: .long, help: "What was done, kept with the entry and shown by status (a case number, say).")
    var note: String?

    func validate() throws {
        if list.instances.isEmpty { throw ValidationError("Name the instances to acknowledge.") }
    }

    func run() throws {
        let logger = global.makeLogger()
        let configuration = try global.loadConfiguration(logger: logger)
        let ids = list.ids
        let note = note.map(Self.oneLine)
        let before = try LedgerEdit.apply(configuration, logger: logger) { ledger in
            ledger.acknowledge(instanceIds: ids, note: note, now: Date())
        }
        for entry in before {
            if entry.state == .acknowledged {
                print("already acknowledged: \(entry.instanceId)")
            } else {
                print("acknowledged: \(entry.instanceId) (was \(entry.state.rawValue): \(entry.lastError))")
            }
        }
        let unknown = ids.filter { id in !before.contains { $0.instanceId == id } }
        for id in unknown { logger.error("not in the retry ledger: \(id)") }
        if !unknown.isEmpty { throw ExitCode(ExitStatus.usage) }
    }

    /// `text` on one line, without control characters, at most 500 characters: it is shown by status.
    static func oneLine(_ text: String) -> String {
        let cleaned = String(
            text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
        let trimmed = String(cleaned.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
        return String(trimmed.prefix(500))
    }
}
