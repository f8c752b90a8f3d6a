public import AltinnAPI
public import Foundation
public import Logging

/// A local Altinn 3 and Maskinporten: Maskinporten's token endpoint, the token exchange, the Events API,
/// Storage (instances, data, complete, the instance query) and the app API, with seeded data, fault
/// injection, a controllable clock and a ledger of what clients did.
///
/// ```swift
/// let simulator = try await AltinnSimulator.start(SimulatorConfiguration())
/// defer { Task { await simulator.stop() } }
/// let environment = simulator.environment  // AltinnEnvironment.custom(...)
/// ```
///
/// Admin endpoints without authentication: `GET /_sim/truth` and `GET /_sim/ledger` (JSON);
/// `POST /_sim/instances`, `POST /_sim/instances/{guid}/complete` and `POST /_sim/events/purge` change the
/// data while it runs.
public final class AltinnSimulator: Sendable {
    let core: SimulatorCore
    private let runner: ServerRunner
    private let arrivals: ArrivalRunner?

    /// The configuration the simulator started with.
    public var configuration: SimulatorConfiguration { core.configuration }

    /// `http://127.0.0.1:PORT`.
    public let baseURL: URL

    /// The port the simulator listens on.
    public var port: Int { runner.port }

    private init(core: SimulatorCore, runner: ServerRunner, arrivals: ArrivalRunner?, baseURL: URL) {
        self.core = core
        self.runner = runner
        self.arrivals = arrivals
        self.baseURL = baseURL
    }

    /// Seeds the data, starts the server on 127.0.0.1 (port 0 picks a free one) and returns once it listens;
    /// arrivals, if configured, start then.
    ///
    /// Throws ``SimulatorError`` for an invalid configuration (e.g. an app of another org).
    public static func start(
        _ configuration: SimulatorConfiguration,
        logger: Logger = Logger(
            label: "altinn-sim",
            factory: { _ in
                SwiftLogNoOpLogHandler()
            })
    ) async throws -> AltinnSimulator {
        try configuration.validate()
        let core = try SimulatorCore(configuration: configuration, logger: logger)
        let runner = try await ServerRunner(core: core, port: configuration.port, logger: logger)
        let base = "http://127.0.0.1:\(runner.port)"
        core.baseURL = base
        guard let url = URL(string: base) else {
            await runner.stop()
            throw SimulatorError("\(base) is not a URL")
        }
        let arrivals = configuration.arrivals.map { ArrivalRunner(core: core, rate: $0) }
        return AltinnSimulator(core: core, runner: runner, arrivals: arrivals, baseURL: url)
    }

    /// Stops the arrivals and the server.
    public func stop() async {
        await arrivals?.stop()
        await runner.stop()
    }

    // MARK: Endpoints

    /// Maskinporten's issuer, `<base>/maskinporten/` (with the trailing slash); the token endpoint is this
    /// + `token`.
    public var maskinportenIssuer: URL { baseURL.appending(path: "maskinporten/") }

    /// The platform base (Events, Storage, Authentication): the base URL itself.
    public var platform: URL { baseURL }

    /// The apps base, `<base>/apps`: app URLs are `<apps>/{org}/{app}/instances/...`.
    public var apps: URL { baseURL.appending(path: "apps") }

    /// The environment a client configures to talk to this simulator.
    public var environment: AltinnEnvironment {
        .custom(maskinporten: maskinportenIssuer, platform: platform, apps: apps.absoluteString)
    }

    // MARK: Inspection

    /// Every instance with its data elements' sizes and digests.
    public func truth() -> SimulatorTruth { core.truth() }

    /// Everything clients did so far.
    public func ledger() -> SimulatorLedger { core.ledger() }

    /// Forgets the ledger's entries.
    public func clearLedger() {
        core.state.withLock { $0.ledger.removeAll() }
    }
}
