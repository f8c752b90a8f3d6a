public import Foundation
public import Logging

extension SyncSession {
    /// Takes the locks (the state folder's, then the archive's), runs the engine, and releases them.
    ///
    /// Both locks: two configurations may share an archive with separate state folders, and each run
    /// clears the archive's staging area, which must never happen under another run's feet.
    public func sync(
        options: RunOptions, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }
    ) async -> RunReport {
        let store = StateStore(directory: configuration.stateDirectory)
        let layout = configuration.layout
        var locks: [RunLock] = []
        if !(options.dryRun && !FileManager.default.fileExists(atPath: store.directory)) {
            do {
                try store.prepare()
                locks.append(try store.lock())
                if !(options.dryRun && !FileManager.default.fileExists(atPath: layout.root)) {
                    try DurableFile.makeDirectories(layout.root)
                    locks.append(try RunLock(path: layout.lockPath))
                }
            } catch let failure as RunLock.Failure {
                var report = RunReport()
                if case .held = failure {
                    // Nothing is wrong: another run is doing the work. Said once, and not with --quiet.
                    report.abort = RunAbort(.locked, "\(failure)")
                    logger.notice("\(failure)")
                } else {
                    report.abort = RunAbort(.localStorage, "\(failure)")
                    logger.error("\(failure)")
                }
                return report
            } catch {
                var report = RunReport()
                report.abort = RunAbort(.localStorage, "cannot prepare the state or archive folder: \(error)")
                logger.error("cannot prepare the state or archive folder", metadata: ["error": "\(error)"])
                return report
            }
        }
        let engine = SyncEngine(
            configuration: configuration, endpoints: endpoints, gateway: client, logger: logger, now: now)
        let report = await engine.run(options: options)
        withExtendedLifetime(locks) {}
        return report
    }
}
