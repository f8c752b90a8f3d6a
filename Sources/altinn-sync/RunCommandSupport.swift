import AltinnSync
import ArgumentParser
import Logging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What `sync`, `reconcile` and `watch` share: build the session, run with signals trapped, write metrics.
enum RunCommandSupport {
    /// Runs once and returns the report; never throws.
    ///
    /// - Parameter showsProgress: whether to draw a live progress line (see ``ProgressLine/wanted(quiet:format:)``).
    static func runOnce(
        configuration: SyncConfiguration, options: RunOptions, metricsFile: String?, logger: Logger,
        showsProgress: Bool = false
    ) async -> RunReport {
        let started = Date()
        let report: RunReport
        do {
            let session = try SyncSession(
                configuration: configuration, environment: ProcessInfo.processInfo.environment, logger: logger,
                cacheTokens: !options.dryRun)
            let progress = showsProgress ? RunProgress() : nil
            let run = SyncRun(
                configuration: configuration, endpoints: session.endpoints, gateway: session.client, logger: logger,
                progress: progress)
            let task = Task { await run.run(options: options) }
            let trap = SignalTrap { task.cancel() }
            let line = progress.map(ProgressLine.start)
            report = await task.value
            line?.cancel()
            await line?.value
            withExtendedLifetime(trap) {}
        } catch {
            logger.error("\(error.message)")
            var failed = RunReport()
            failed.abort = error
            report = failed
        }
        // A dry run changes nothing, and a run that found the lock held did nothing to report.
        if let given = metricsFile ?? configuration.metricsFile, !options.dryRun, report.abort?.kind != .locked {
            let path = URL(fileURLWithPath: given).standardizedFileURL.path
            do {
                try MetricsFile.write(
                    report: report, startedAt: started, finishedAt: Date(), configuration: configuration, to: path)
            } catch {
                logger.warning(
                    "cannot write the metrics file", metadata: ["metrics.file": "\(path)", "error": "\(error)"])
            }
        }
        return report
    }

    /// Ends the command with the report's exit code.
    static func exit(with report: RunReport) throws {
        if report.exitCode != ExitStatus.success { throw ExitCode(report.exitCode) }
    }
}
