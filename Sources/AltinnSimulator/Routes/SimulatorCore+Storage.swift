extension SimulatorCore {
    /// Which API served a request, for the ledger.
    enum API: String {
        case storage, app
    }

    /// `GET .../instances/{partyId}/{guid}` and `/instances/{guid}` (Storage), `GET <apps>/{org}/{app}/
    /// instances/{partyId}/{guid}` (app). Storage looks the instance up by GUID only.
    func instance(_ request: SimRequest, guid: String, api: API, appID: String?, forceExpiry: Bool) -> SimResponse {
        let principal: AltinnPrincipal
        switch authenticate(request, forceExpiry: forceExpiry) {
        case .refused(let response): return response
        case .principal(let found): principal = found
        }
        guard let stored = stored(guid), appID == nil || appID == stored.appID else {
            return .text(404, "Unable to find instance \(guid)")
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

    /// `GET .../data/{dataGuid}` on Storage or the app: the stored bytes with the element's content type,
    /// `Content-Disposition` only for elements with a file name, no ETag.
    func data(
        _ request: SimRequest, guid: String, element: String, api: API, appID: String?, forceExpiry: Bool
    ) -> SimResponse {
        let principal: AltinnPrincipal
        switch authenticate(request, forceExpiry: forceExpiry) {
        case .refused(let response): return response
        case .principal(let found): principal = found
        }
        guard let stored = stored(guid), appID == nil || appID == stored.appID else {
            let party = request.segments.dropFirst(api == .storage ? 4 : 3).first ?? ""
            return .text(404, "Unable to find any instance with id: \(party)/\(guid).")
        }
        guard isOwner(principal, of: stored) else {
            return forbidden(request, reason: "not the owner", principal: principal)
        }
        guard let metadata = stored.document.data.first(where: { $0.id == element }),
            let content = stored.contents[element]
        else { return .text(404, "Unable to find any data element with id: \(element).") }
        var response = SimResponse(status: 200, body: .content(content))
        response.headers.append(("Content-Type", metadata.contentType ?? "application/octet-stream"))
        if let filename = metadata.filename {
            response.headers.append(("Content-Disposition", ContentDisposition.attachment(filename: filename)))
        }
        var entry = entry(.download, request, status: 200)
        entry.route = api.rawValue
        entry.instanceID = stored.document.id
        entry.dataElementID = element
        entry.bytesExpected = content.size
        entry.clientID = principal.clientID
        response.download = entry
        return response
    }

    /// `POST .../complete` on Storage or the app: idempotent; the first call per org adds a confirmation
    /// and moves `lastChanged`. No process-state gate. An unknown instance gets the configured status.
    func complete(_ request: SimRequest, guid: String, api: API, appID: String?, forceExpiry: Bool) -> SimResponse {
        let principal: AltinnPrincipal
        switch authenticate(request, forceExpiry: forceExpiry) {
        case .refused(let response): return response
        case .principal(let found): principal = found
        }
        var entry = entry(.complete, request)
        entry.route = api.rawValue
        entry.clientID = principal.clientID
        guard let existing = stored(guid), appID == nil || appID == existing.appID else {
            entry.status = configuration.unknownInstanceCompleteStatus
            entry.reason = "unknown instance"
            record(entry)
            return .empty(configuration.unknownInstanceCompleteStatus)
        }
        guard isOwner(principal, of: existing), let org = principal.org else {
            return forbidden(request, reason: "not the owner", principal: principal)
        }
        let now = now()
        let result = state.withLock { world in
            world.confirm(guid: guid, org: org, orgNumber: principal.orgNumber ?? configuration.orgNumber, now: now)
        }
        guard let (_, isNew) = result, let updated = stored(guid) else { return .empty(500) }
        entry.status = 200
        entry.instanceID = updated.document.id
        entry.newConfirmation = isNew
        record(entry)
        switch api {
        case .storage: return storageJSON(storageDocument(updated))
        case .app: return appJSON(storageDocument(updated), appLinks: false)
        }
    }
}
