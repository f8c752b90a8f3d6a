import AltinnSync
import ArgumentParser
import CurlHTTP
import Logging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `altinn-sync watch`: run again and again, for systemd services and containers.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Run sync in a loop with a pause between runs (for systemd services and containers).",
        discussion: """
            Each run takes the same lock as sync, so watch and a cron job never overlap. The pause gets up to 10% \
            random jitter. SIGTERM or SIGINT stops the loop: between runs at once (exit 0), during a run after \
            a clean stop of that run (exit 130).
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "The pause between runs, e.g. 60s or 5m.")
    var interval: DurationArgument = DurationArgument(.seconds(60))

    @Option(name: .long, help: "Stop each run from starting new work after this long.")
    var maxDuration: DurationArgument?

    @Option(name: .long, help: "Write Prometheus metrics to this file after each run.")
    var metricsFile: String?

    func run() async throws {
        let logger = global.makeLogger()
        let configuration = try global.loadConfiguration(logger: logger)
        let stop = StopFlag()
        let loop = Task {
            while !Task.isCancelled {
                let options = RunOptions(maxDuration: maxDuration?.duration)
                let report = await RunCommandSupport.runOnce(
                    configuration: configuration, options: options, metricsFile: metricsFile, logger: logger)
                if report.interrupted { return ExitStatus.interrupted }
                if report.exitCode == ExitStatus.configuration { return ExitStatus.configuration }
                let pause = interval.duration.seconds * Double.random(in: 1.0...1.1)
                do {
                    try await Task.sleep(for: .seconds(pause))
                } catch {
                    return ExitStatus.success
                }
            }
            return ExitStatus.success
        }
        let trap = SignalTrap {
            stop.set()
            loop.cancel()
        }
        let code = await loop.value
        withExtendedLifetime(trap) {}
        if stop.isSet { logger.notice("watch stopped") }
        if code != ExitStatus.success { throw ExitCode(code) }
    }
}
