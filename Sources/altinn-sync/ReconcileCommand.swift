import AltinnAPI
import AltinnSync
import ArgumentParser

/// `altinn-sync reconcile`: sweep the Storage instance query now.
struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Find and archive every completed instance not yet confirmed, whatever the events said.",
        discussion: """
            Altinn's events are best effort and expire after 90 days; this sweep uses the Storage instance query \
            (process complete, not confirmed by this org, not hard-deleted) and processes each instance exactly \
            as sync does. sync runs it by itself when due (reconcile.interval).
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Fetch and report; write and confirm nothing.")
    var dryRun = false

    @Option(name: .long, help: "Only instances changed at or after this time (ISO 8601, e.g. 2026-01-01T00:00:00Z).")
    var changedFrom: String?

    @Option(name: .long, help: "Only instances changed before this time (ISO 8601).")
    var changedBefore: String?

    @Option(name: .long, help: "Stop starting new work after this long (exit 10 if work was left).")
    var maxDuration: DurationArgument?

    @Option(name: .long, help: "Write Prometheus metrics to this file after the run.")
    var metricsFile: String?

    func validate() throws {
        for (name, value) in [("--changed-from", changedFrom), ("--changed-before", changedBefore)] {
            if let value, (try? AltinnTimestamp(value)) == nil {
                throw ValidationError("\(name) \(value) is not a timestamp; write e.g. 2026-01-01T00:00:00Z")
            }
        }
    }

    func run() async throws {
        let logger = global.makeLogger()
        let configuration = try global.loadConfiguration(logger: logger)
        let options = RunOptions(
            dryRun: dryRun, maxDuration: maxDuration?.duration, reconcile: .always, readEvents: false,
            reconcileChangedFrom: changedFrom.flatMap { try? AltinnTimestamp($0) },
            reconcileChangedBefore: changedBefore.flatMap { try? AltinnTimestamp($0) })
        let report = await RunCommandSupport.runOnce(
            configuration: configuration, options: options, metricsFile: metricsFile, logger: logger,
            showsProgress: ProgressLine.wanted(quiet: global.quiet, format: global.logFormat))
        if dryRun { DryRunListing.print(report) }
        try RunCommandSupport.exit(with: report)
    }
}
