import AltinnSync
import ArgumentParser

/// The `altinn-sync` command: it only lists the subcommands.
@main
struct AltinnSyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "altinn-sync",
        abstract: "Archive Altinn 3 submissions by polling, and confirm them once they are safely stored.",
        version: AltinnSyncVersion.current,
        subcommands: [
            SyncCommand.self, ReconcileCommand.self, StatusCommand.self, CheckCommand.self, RetryCommand.self,
            AcknowledgeCommand.self, FetchCommand.self, WatchCommand.self,
        ],
        defaultSubcommand: SyncCommand.self)
}
