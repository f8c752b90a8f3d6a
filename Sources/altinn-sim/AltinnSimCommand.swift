import ArgumentParser

/// `altinn-sim`: a local Altinn 3 and Maskinporten for demos and for testing downstream systems. It only lists
/// the subcommands; `serve` is the default, so `altinn-sim --port 8080` serves.
@main
struct AltinnSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "altinn-sim",
        abstract: "A local Altinn 3 and Maskinporten with seeded data, fault injection and a ledger.",
        subcommands: [ServeCommand.self, DemoCommand.self],
        defaultSubcommand: ServeCommand.self)
}
