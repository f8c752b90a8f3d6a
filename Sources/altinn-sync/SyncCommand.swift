import AltinnSync
import ArgumentParser

/// `altinn-sync sync`: one run (the default subcommand).
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Archive and confirm every new completed instance, once (the default).",
        discussion: """
            Reads each app's events after the saved cursor, archives every completed instance they name, verifies \
            it, and confirms it to Altinn. Due retries run first; reconciliation runs when due. Exit codes: 0 \
            success, 3 partial (see the retry ledger), 10 stopped at --max-duration, 11 locked, 75 temporary \
            failure, 77 authentication refused, 78 configuration invalid, 130 interrupted.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Fetch and report what would be archived and confirmed; write and confirm nothing.")
    var dryRun = false

    @Option(name: .long, help: "Stop starting new work after this long, e.g. 50m (exit 10 if work was left).")
    var maxDuration: DurationArgument?

    @Option(name: .long, help: "Write Prometheus metrics to this file after the run (node_exporter textfile).")
    var metricsFile: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Where the first run of an app starts: beginning, now, or a time such as 2026-01-01T00:00:00Z.",
            discussion: """
                Only for an app this state folder has no cursor for; overrides startAt in the configuration. Events \
                before it are skipped, and reconciliation leaves instances last changed before it alone, on this \
                and later runs. The default, beginning, loses nothing.
                """))
    var startAt: StartPointArgument?

    func run() async throws {
        let logger = global.makeLogger()
        let configuration = try global.loadConfiguration(logger: logger)
        let options = RunOptions(dryRun: dryRun, maxDuration: maxDuration?.duration, startAt: startAt?.point)
        let report = await RunCommandSupport.runOnce(
            configuration: configuration, options: options, metricsFile: metricsFile, logger: logger,
            showsProgress: ProgressLine.wanted(quiet: global.quiet, format: global.logFormat))
        if dryRun { DryRunListing.print(report) }
        try RunCommandSupport.exit(with: report)
    }
}

/// The dry run's listing on stdout.
enum DryRunListing {
    static func print(_ report: RunReport) {
        Swift.print("would archive \(report.wouldArchive.count) instance(s), confirm \(report.wouldConfirm.count)")
        for instance in report.wouldArchive {
            Swift.print("  archive \(instance)\(report.wouldConfirm.contains(instance) ? " and confirm" : "")")
        }
    }
}
