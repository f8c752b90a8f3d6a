extension SimulatorCore {
    /// Which API served a request, for the ledger.
    enum API: String {
        case storage, app
    }

    /// `GET .../instances/{partyId}/{guid}` and `/instances/{guid}` (Storage), `GET <apps>/{org}/{app}/
    /// instances/{partyId}/{guid}` (app). Storage looks the instance up by GUID only; an unknown one is a 404
    /// whose body is the JSON string `"Unable to find instance {guid}"`.
    func instance(_ request: SimRequest, guid: String, api: API, appID: String?) -> SimResponse {
        let principal: AltinnPrincipal
        switch authenticate(request) {
        case .refused(let response): return response
        case .principal(let found): principal = found
        }
        guard let stored = stored(guid), appID == nil || appID == stored.appID else {
            // Storage's `NotFound(string)` under `[Produces("application/json")]`: a JSON string.
            let text = "Unable to find instance \(guid)"
            return api == .storage ? .json(404, encoding: text) : .text(404, text)
        }
        guard isOwner(principal, of: stored) else {
            return forbidden(request, reason: "not the owner", principal: principal)
        }
        var entry = entry(.instanceRead, request, status: 200)
        entry.route = api.rawValue
        entry.instanceID = stored.document.id
        entry.clientID = principal.clientID
        record(entry)
        switch api {
        case .storage: return storageJSON(storageDocument(stored))
        case .app: return appJSON(stored.document, appLinks: true)
        }
    }
}
