import AltinnSync
import ArgumentParser
import Foundation

/// `altinn-sync retry`: make ledger entries due again.
struct RetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Make failed or quarantined instances due again; the next sync retries them.",
        discussion: "Name instances as {partyId}/{instanceGuid}, or use --all-failed for every entry that gave up.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Instances to retry, as {partyId}/{instanceGuid}.")
    var instances: [String] = []

    @Flag(name: .long, help: "Retry every failed and quarantined entry.")
    var allFailed = false

    func validate() throws {
        if instances.isEmpty && !allFailed {
            throw ValidationError("Name the instances to retry, or pass --all-failed.")
        }
    }

    func run() throws {
        let logger = global.makeLogger()
        let configuration = try global.loadConfiguration(logger: logger)
        let store = StateStore(directory: configuration.stateDirectory)
        do {
            try store.prepare()
            let lock = try store.lock()
            var ledger = try store.loadLedger()
            let unknown = instances.filter { !ledger.contains($0) }
            let changed = ledger.makeDue(instanceIds: instances, allStuck: allFailed, now: Date())
            try store.save(ledger)
            withExtendedLifetime(lock) {}
            for id in changed { print("due again: \(id)") }
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
