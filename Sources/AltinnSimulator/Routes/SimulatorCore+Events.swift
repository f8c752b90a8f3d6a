internal import AltinnAPI

extension SimulatorCore {
    /// `GET /events/api/v1/app/{org}/{app}`.
    func events(_ request: SimRequest, org: String, app: String) -> SimResponse {
        let principal: AltinnPrincipal
        switch authenticate(request) {
        case .refused(let response): return response
        case .principal(let found): principal = found
        }
        guard let callerOrg = principal.org else {
            var entry = entry(.forbidden, request, status: 401)
            entry.reason = "no org claim"
            entry.clientID = principal.clientID
            record(entry)
            return .json(401, encoding: "Only orgs can call this api")
        }
        let query: EventsQuery
        switch EventsQuery.parse(request.query, person: request.headers["person"]) {
        case .failure(let error): return error.response
        case .success(let parsed): query = parsed
        }
        let now = now()
        let page = state.withLock { world -> [StoredEvent] in
            world.purgeEvents(now: now, retention: configuration.eventRetention)
            var parties: Set<String>?
            if let party = query.party { parties = [party] }
            if query.person != nil || query.unit != nil {
                parties = world.parties(person: query.person, unit: query.unit)
            }
            // Events of another org's app are dropped by authorization, silently.
            guard callerOrg == org else { return [] }
            return world.eventsPage(
                appID: "\(org)/\(app)", query: query, parties: parties, now: now, lag: configuration.visibilityLag)
        }
        var entry = entry(.eventsPage, request, status: 200)
        entry.count = page.count
        entry.clientID = principal.clientID
        record(entry)
        let cloudEvents = page.map { $0.cloudEvent(appsBase: appsBase) }
        var response = SimResponse.json(200, encoding: cloudEvents)
        response.headers = [("Content-Type", "application/cloudevents+json; charset=utf-8")]
        if let last = page.last {
            response.headers.append(("next", nextLink(request, lastID: last.id)))
        }
        return response
    }

    /// `SetNextLink`: the base and path, `after` = the last id, then every other original parameter
    /// decoded and not re-encoded (grouped by name as `Request.Query` groups them).
    func nextLink(_ request: SimRequest, lastID: String) -> String {
        var link = "\(baseURL)\(request.path)?after=\(lastID)"
        for group in request.query.grouped where group.name != "after" {
            for value in group.values { link += "&\(group.name)=\(value)" }
        }
        return link
    }
}
