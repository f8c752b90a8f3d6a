import Foundation
internal import Logging
internal import Synchronization

/// The simulator's shared state and services, used by every endpoint.
///
/// Thread model: immutable after creation except ``state`` and ``baseURL``, each behind a `Mutex`.
final class SimulatorCore: Sendable {
    let configuration: SimulatorConfiguration
    let state: Mutex<World>
    let crypto: any SimulatorCrypto
    let maskinportenKey: any TokenKey
    let altinnKey: any TokenKey
    let logger: Logger
    private let base: Mutex<String>

    init(configuration: SimulatorConfiguration, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        crypto = RSACrypto()
        let keys = try RSACrypto.sharedTokenKeys.get()
        maskinportenKey = keys.maskinporten
        altinnKey = keys.altinn
        state = Mutex(World(configuration: configuration))
        base = Mutex("http://127.0.0.1:\(configuration.port)")
        for client in configuration.clients { try register(client) }
    }

    /// `http://127.0.0.1:PORT`.
    var baseURL: String {
        get { base.withLock { $0 } }
        set { base.withLock { $0 = newValue } }
    }

    /// Maskinporten's issuer, with trailing slash.
    var maskinportenIssuer: String { baseURL + "/maskinporten/" }

    /// The apps base: app URLs are `<apps>/{org}/{app}/instances/...`.
    var appsBase: String { baseURL + "/apps" }

    /// Token issuing and checking for the current address.
    var tokens: TokenService {
        TokenService(
            maskinportenKey: maskinportenKey, altinnKey: altinnKey, maskinportenIssuer: maskinportenIssuer,
            altinnIssuer: baseURL + "/authentication/api/v1/openid/", org: configuration.org,
            orgNumber: configuration.orgNumber)
    }

    /// The simulated time.
    func now() -> Ticks { state.withLock { $0.now() } }

    /// Appends `entry` to the ledger.
    func record(_ entry: LedgerEntry) {
        state.withLock { $0.record(entry) }
    }

    /// A ledger entry for `request` at the current simulated time.
    func entry(_ kind: LedgerEntry.Kind, _ request: SimRequest, status: Int? = nil) -> LedgerEntry {
        LedgerEntry(
            time: now().date, kind: kind, method: request.method, path: request.path, query: request.rawQuery,
            status: status)
    }
}
