import AltinnAPI
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
            Name instances as {partyId}/{instanceGuid}, or use --all-failed for every entry that gave up. With \
            --forget, the named entries are removed instead: for instances handled by hand (a quarantined \
            submission the agency dealt with outside altinn-sync, say). A forgotten instance is archived again \
            only if an event or reconciliation finds it again. Takes the run lock, so it waits for no run: while \
            sync or watch is working it exits 11; try again.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Instances, as {partyId}/{instanceGuid}.")
    var instances: [String] = []

    @Flag(name: .long, help: "Retry every failed and quarantined entry.")
    var allFailed = false

    @Flag(name: .long, help: "Remove the named entries from the retry ledger instead of retrying them.")
    var forget = false

    func validate() throws {
        if instances.isEmpty && !allFailed {
            throw ValidationError("Name the instances to retry, or pass --all-failed.")
        }
        if forget && (allFailed || instances.isEmpty) {
            throw ValidationError("--forget takes named instances only, not --all-failed.")
        }
        for instance in instances where (try? InstanceID(instance)) == nil {
            throw ValidationError("\(instance) is not an instance id; write {partyId}/{instanceGuid}.")
        }
    }

    func run() throws {
        let logger = global.makeLogger()
        let configuration = try global.loadConfiguration(logger: logger)
        let store = StateStore(directory: configuration.stateDirectory)
        let ids = instances.compactMap { try? InstanceID($0).description }
        do {
            try store.prepare()
            let lock = try store.lock()
            var ledger = try store.loadLedger()
            let unknown = ids.filter { !ledger.contains($0) }
            let changed: [String]
            if forget {
                changed = ids.filter { ledger.contains($0) }
                for id in changed { ledger.resolve(id) }
            } else {
                changed = ledger.makeDue(instanceIds: ids, allStuck: allFailed, now: Date())
            }
            try store.save(ledger)
            withExtendedLifetime(lock) {}
            for id in changed { print(forget ? "forgotten: \(id)" : "due again: \(id)") }
            for id in unknown { logger.error("not in the retry ledger: \(id)") }
            if changed.isEmpty && unknown.isEmpty { print("nothing to retry") }
            if !unknown.isEmpty { throw ExitCode(ExitStatus.usage) }
        } catch let failure as RunLock.Failure {
            logger.error("\(failure)")
            throw ExitCode(ExitStatus.locked)
        } catch let error as ExitCode {
            throw error
        } catch {
            logger.error("\(error)")
            throw ExitCode(ExitStatus.internalFailure)
        }
    }
}
