import AltinnSync
import ArgumentParser

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `altinn-sync check`: a doctor for the first install and for firewall changes.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the configuration, key, clock, tokens, Altinn endpoints and folders, with remedies.",
        discussion: """
            Every step prints ok, warn or FAIL with what to do. It requests real tokens and reads one event and \
            one query result per app; it archives and confirms nothing. With --offline it makes no network \
            request: it checks the configuration, the folders and the key (loaded with its password, the \
            certificate's dates), as before a first deployment or on a host without access yet. Exit codes: 0 all \
            ok, 1 warnings, 2 failures.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Print JSON lines instead of text.")
    var json = false

    @Flag(name: .long, help: "Check the configuration, folders and key only, without any network request.")
    var offline = false

    func run() async throws {
        let logger = global.makeLogger()
        let asJSON = json
        let worst = await SetupCheck.run(
            configurationPath: global.configurationPath, environment: ProcessInfo.processInfo.environment,
            offline: offline, logger: logger
        ) { step in
            if asJSON {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                if let data = try? encoder.encode(step) { print(String(decoding: data, as: UTF8.self)) }
            } else {
                let mark =
                    switch step.verdict {
                    case .ok: "ok  "
                    case .warning: "warn"
                    case .critical: "FAIL"
                    }
                print("\(mark) \(step.name): \(step.detail)")
                if let remedy = step.remedy, step.verdict != .ok { print("     -> \(remedy)") }
            }
        }
        if worst != .ok { throw ExitCode(worst.rawValue) }
    }
}
