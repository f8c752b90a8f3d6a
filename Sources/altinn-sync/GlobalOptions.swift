import AltinnSync
import ArgumentParser
import Logging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Options every subcommand takes.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The configuration file (default: $ALTINN_SYNC_CONFIG, else ./altinn-sync.json).", valueName: "file"))
    var config: String?

    @Flag(name: .shortAndLong, help: "Print only warnings and errors: nothing when all is well.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print debug detail.")
    var verbose = false

    @Option(name: .long, help: "Log line format on stderr: text or json.")
    var logFormat: LogFormat = .text

    func validate() throws {
        if quiet && verbose { throw ValidationError("Choose either --quiet or --verbose, not both.") }
    }

    /// The configuration file: the flag, else `$ALTINN_SYNC_CONFIG`, else `./altinn-sync.json`.
    var configurationPath: String {
        config ?? ProcessInfo.processInfo.environment["ALTINN_SYNC_CONFIG"] ?? "altinn-sync.json"
    }

    /// Sets up logging to stderr and returns the process's logger.
    func makeLogger() -> Logger {
        let level: Logger.Level = quiet ? .warning : (verbose ? .debug : .info)
        let format = logFormat
        LoggingSystem.bootstrap { label in
            StandardErrorLogHandler(label: label, format: format, logLevel: level)
        }
        return Logger(label: "altinn-sync")
    }

    /// Loads the configuration, or prints why it cannot and exits 78.
    func loadConfiguration(logger: Logger) throws -> SyncConfiguration {
        do {
            return try ConfigurationLoader.load(path: configurationPath)
        } catch {
            logger.error("configuration invalid: \(error)")
            throw ExitCode(ExitStatus.configuration)
        }
    }
}
