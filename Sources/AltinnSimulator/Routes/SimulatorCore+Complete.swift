extension SimulatorCore {
    /// The scope a service owner needs to confirm completion (Maskinporten's `instances.read` lets it only
    /// read instances, data and events).
    static let instancesWriteScope = "altinn:serviceowner/instances.write"

    /// `POST .../complete` on Storage or the app: idempotent; the first call per org adds a confirmation
    /// and moves `lastChanged`. No process-state gate. A token without
    /// `altinn:serviceowner/instances.write` gets 403 before the instance is looked up; an unknown instance
    /// gets the configured status.
    func complete(_ request: SimRequest, guid: String, api: API, appID: String?) -> SimResponse {
        let principal: AltinnPrincipal
        switch authenticate(request) {
        case .refused(let response): return response
        case .principal(let found): principal = found
        }
        guard principal.has(scope: Self.instancesWriteScope) else {
            return insufficientScope(request, missing: Self.instancesWriteScope, principal: principal, api: api)
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
