import AltinnSimulator
import ArgumentParser
import Foundation
import Logging
import UnixSignals

/// `altinn-sim serve` (the default): the simulator on 127.0.0.1 until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve Altinn 3 and Maskinporten on 127.0.0.1 until SIGINT or SIGTERM.",
        discussion: """
            Serves Maskinporten (<base>/maskinporten/token), the token exchange, the Events API, Storage and \
            the app API (<base>/apps/{org}/{app}/...) on 127.0.0.1, prints "listening on http://127.0.0.1:PORT" \
            and runs until SIGINT or SIGTERM. GET /_sim/truth and /_sim/ledger show the data and what clients \
            did; POST /_sim/instances adds submissions while it runs, and --arrivals makes them arrive on their \
            own (see docs/simulator.md).

            Faults: --fault \(FaultRule.specSyntax), repeatable.
              ROUTE  token, exchange, events, instance, data, complete, query, or all
              KIND   latency, 500, 502, 503, 504, 429, reset, truncate, slow, expire
              WHEN   a probability (0.25), firstN (the first N matching requests), or always (default)
              PARAM  latency: milliseconds (500); 5xx: Retry-After seconds (none); 429: Retry-After (1);
                     slow: bytes per second (1024)
              expire: the token (on token: the grant) the request presents counts as expired from then on
            Hostile bodies, each on its own route:
              instance:no-data      the instance document without its data member
              instance:zero-size    every data element declares size 0 (the bytes are served as stored)
              query:bad-item        the first instance on a query page has "instanceOwner": 42
              query:bad-item-noid   the same, and its id is a number
              events:malformed      the events page is cut inside an event (200, fitting Content-Length)
              events:bad-event      the first event on the page has no type
              events:bloat          every event gets a "data" string of PARAM bytes (1000000), streamed
              data:lying-length     Content-Length PARAM bytes short (100); the rest follows on the
                                    kept-alive connection and poisons the client's next request on it
              e.g. --fault events:503:first2 --fault data:reset:0.1 --fault all:latency:always:200
            """)

    @OptionGroup var data: DataOptions
    @OptionGroup var behaviour: BehaviourOptions

    @Option(help: "The TCP port on 127.0.0.1; 0 picks a free one.")
    var port = 0

    @Option(
        name: .customLong("write-config"),
        help: ArgumentHelp(
            "Write an altinn-sync configuration here, with a new client key (client-key.pem, mode 0600) beside it.",
            valueName: "file"))
    var writeConfig: String?

    @Flag(name: .shortAndLong, help: "Log requests to standard error.")
    var verbose = false

    func validate() throws {
        try data.validate()
        try behaviour.validate()
    }

    func run() async throws {
        var configuration = SimulatorConfiguration()
        configuration.port = port
        data.apply(to: &configuration)
        try behaviour.apply(to: &configuration)
        var logger = Logger(label: "altinn-sim") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .debug : .warning
        let simulator = try await AltinnSimulator.start(configuration, logger: logger)
        if let writeConfig {
            try simulator.writeConfig(to: writeConfig)
        }
        // Unbuffered, so a parent process reading the pipe sees the line at once.
        FileHandle.standardOutput.write(Data("listening on \(simulator.baseURL.absoluteString)\n".utf8))
        for await _ in await UnixSignalsSequence(trapping: .sigterm, .sigint) { break }
        await simulator.stop()
    }
}
