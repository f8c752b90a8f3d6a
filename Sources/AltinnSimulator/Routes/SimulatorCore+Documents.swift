internal import AltinnAPI
import Foundation

extension SimulatorCore {
    /// The stored instance `guid`.
    func stored(_ guid: String) -> StoredInstance? {
        state.withLock { $0.instances[guid] }
    }

    /// The instance as Storage serves it: `selfLinks.platform` on the instance and every data element,
    /// `selfLinks.apps` on the instance as the app stored it.
    func storageDocument(_ stored: StoredInstance) -> Instance {
        var document = stored.document
        let platform = "\(baseURL)/storage/api/v1/instances/\(stored.partyID)/\(stored.guid)"
        document.selfLinks = ResourceLinks(
            apps: "\(appsBase)/\(stored.appID)/instances/\(stored.partyID)/\(stored.guid)", platform: platform)
        for index in document.data.indices {
            document.data[index].selfLinks = ResourceLinks(platform: "\(platform)/data/\(document.data[index].id)")
        }
        return document
    }

    /// Storage's JSON (Newtonsoft: nulls left out, `readStatus` a string) of `document`.
    func storageJSON(_ document: some Encodable) -> SimResponse {
        .json(200, encoding: document)
    }

    /// The app's JSON (System.Text.Json: nulls written, `readStatus` a number) of `document`, with the
    /// app's self links when `appLinks`.
    ///
    /// An element whose `size` Storage left out gets `0`: the app reads Storage's JSON into `long Size`,
    /// which cannot be null, and writes the number.
    func appJSON(_ document: Instance, appLinks: Bool) -> SimResponse {
        var document = document
        for index in document.data.indices where document.data[index].size == nil {
            document.data[index].size = 0
        }
        do {
            if appLinks {
                let endpoints = try AltinnEndpoints(
                    environment: .custom(
                        maskinporten: URL(string: maskinportenIssuer) ?? URL(fileURLWithPath: "/"),
                        platform: URL(string: baseURL) ?? URL(fileURLWithPath: "/"), apps: appsBase),
                    org: Org(document.org))
                return .json(200, try AppInstanceEncoding(endpoints: endpoints).encode(document))
            }
            return .json(200, try AltinnJSON.encode(document, shape: .app))
        } catch {
            return .text(500, "cannot encode the instance: \(error)")
        }
    }

    /// Whether `principal` may read or complete `stored`: the owning org only (the standard app policy).
    func isOwner(_ principal: AltinnPrincipal, of stored: StoredInstance) -> Bool {
        principal.org?.lowercased() == stored.document.org.lowercased()
    }
}
