import AltinnAPI
import AltinnSync
import ArgumentParser

/// `altinn-sync fetch`: archive named instances again.
struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Archive named instances again, even when Altinn has them confirmed.",
        discussion: """
            For a consumer that moved or lost an instance's folder: each named instance of a configured app is \
            downloaded, verified and archived again, gets a new journal entry and runs the onArchived hook, and is \
            confirmed only if Altinn does not have the confirmation yet. A folder still in the archive is left as \
            it is: move it away first. Name instances as {partyId}/{instanceGuid}. Exit codes as for sync.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Instances, as {partyId}/{instanceGuid}.")
    var instances: [String]

    @Flag(name: .long, help: "Fetch and report what would be archived and confirmed; write and confirm nothing.")
    var dryRun = false

    func validate() throws {
        guard !instances.isEmpty else { throw ValidationError("Name the instances to fetch.") }
        for text in instances where (try? InstanceID(text)) == nil {
            throw ValidationError("\(text) is not an instance id; write it as {partyId}/{instanceGuid}")
        }
    }

    func run() async throws {
        let logger = global.makeLogger()
        let configuration = try global.loadConfiguration(logger: logger)
        let options = RunOptions(dryRun: dryRun, fetch: instances.compactMap { try? InstanceID($0) })
        let report = await RunCommandSupport.runOnce(
            configuration: configuration, options: options, metricsFile: nil, logger: logger,
            showsProgress: ProgressLine.wanted(quiet: global.quiet, format: global.logFormat))
        if dryRun { DryRunListing.print(report) }
        try RunCommandSupport.exit(with: report)
    }
}
