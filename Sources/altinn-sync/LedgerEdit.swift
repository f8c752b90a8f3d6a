import AltinnSync
import ArgumentParser
import Logging

/// Changes the retry ledger by hand (`retry`, `acknowledge`): under the run lock, so that no run is changing
/// it at the same time, and saved durably before anything is printed.
enum LedgerEdit {
    /// Loads the ledger of `configuration` under the run lock, applies `change` and saves it. A lock held by a
    /// run exits 11; a state folder that cannot be read or written exits 1.
    static func apply<Result>(
        _ configuration: SyncConfiguration, logger: Logger, _ change: (inout RetryLedger) -> Result
    ) throws -> Result {
        let store = StateStore(directory: configuration.stateDirectory)
        do {
            try store.prepare()
            let lock = try store.lock()
            var ledger = try store.loadLedger()
            let result = change(&ledger)
            try store.save(ledger)
            withExtendedLifetime(lock) {}
            return result
        } catch let failure as RunLock.Failure {
            logger.error("\(failure)")
            throw ExitCode(ExitStatus.locked)
        } catch {
            logger.error("\(error)")
            throw ExitCode(ExitStatus.internalFailure)
        }
    }
}
