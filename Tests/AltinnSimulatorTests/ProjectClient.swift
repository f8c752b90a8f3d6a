import AltinnAPI
import AltinnSimulator
import CurlHTTP
import Foundation
import Logging
import Maskinporten
import Testing

/// The project's own Altinn client, authenticated through the simulator's Maskinporten and exchange as
/// altinn-sync is, with a configuration written into a temporary folder.
struct ProjectClient {
    let client: AltinnClient
    let folder: URL

    init(_ harness: SimulatorHarness) throws {
        folder = try WriteConfigTests.temporaryFolder()
        let written = try harness.simulator.writeConfig(to: folder.appending(path: "altinn-sync.json").path)
        let endpoints = try AltinnEndpoints(environment: harness.simulator.environment, org: Org("ttd"))
        let maskinporten = MaskinportenClient(
            configuration: MaskinportenConfiguration(
                issuer: endpoints.maskinportenIssuer, clientID: written.clientID,
                scopes: RegisteredClient.serviceOwnerScopes.sorted()),
            identity: try SigningIdentity.load(.pem(file: written.keyPath, kid: written.keyID)),
            httpClient: harness.client)
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let authenticator = AltinnAuthenticator(
            http: harness.client, endpoints: endpoints, maskinporten: maskinporten.makeTokenCache(),
            cacheFile: nil, logger: logger)
        client = AltinnClient(http: harness.client, endpoints: endpoints, tokens: authenticator, logger: logger)
    }

    /// Deletes the folder.
    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Every event of `app` after `after` of the given types, page by page until an empty page.
    func events(_ app: String, after: EventID = .start, types: [String] = []) async throws -> [CloudEvent] {
        var cursor = after
        var all: [CloudEvent] = []
        while true {
            let page = try await client.eventsPage(app: try AppID(app), after: cursor, types: types, size: 50)
            let events = try page.items.map { try #require($0.value, "every event decodes") }
            guard let last = events.last else { return all }
            all += events
            cursor = try last.eventID
        }
    }
}
