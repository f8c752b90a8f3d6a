extension SimulatorCore {
    /// Answers `request` on `route` after the faults that replace a response have had their chance.
    /// `expireCredential` comes from a token-expiry fault: what the request presents is expired first.
    func respond(to request: SimRequest, route: SimRoute, expireCredential expire: Bool) -> SimResponse {
        if expire { expireCredential(of: request, on: route) }
        switch route {
        case .token: return token(request)
        case .maskinportenMetadata: return maskinportenMetadata()
        case .exchange(let provider): return exchange(request, provider: provider)
        case .events(let org, let app): return events(request, org: org, app: app)
        case .instanceQuery: return instanceQuery(request)
        case .storageInstance(let guid): return instance(request, guid: guid, api: .storage, appID: nil)
        case .storageData(let guid, let element):
            return data(request, guid: guid, element: element, api: .storage, appID: nil)
        case .storageDataElements(let partyID, let guid): return dataElements(request, partyID: partyID, guid: guid)
        case .storageComplete(let guid): return complete(request, guid: guid, api: .storage, appID: nil)
        case .appInstance(let appID, let guid): return instance(request, guid: guid, api: .app, appID: appID)
        case .appData(let appID, let guid, let element):
            return data(request, guid: guid, element: element, api: .app, appID: appID)
        case .appComplete(let appID, let guid): return complete(request, guid: guid, api: .app, appID: appID)
        case .truth: return .json(200, encoding: truth(), sortedKeys: true)
        case .ledger: return .json(200, encoding: ledger(), sortedKeys: true, dates: .iso8601)
        case .addInstances: return addInstancesRoute(request)
        case .completeInstance(let guid): return completeInstanceRoute(request, guid: guid)
        case .purgeEvents: return purgeEventsRoute(request)
        case .unexpected:
            var entry = entry(.unexpectedPath, request, status: 404)
            entry.reason = "unexpected path"
            record(entry)
            return .empty(404)
        }
    }

    /// Rolls the fault dice for `route`, records what fired, and sorts the faults by when they act.
    func drawFaults(for route: SimRoute, _ request: SimRequest) -> DrawnFaults {
        guard let faultRoute = route.faultRoute else { return DrawnFaults() }
        let fired = state.withLock { $0.faults.draw(for: faultRoute) }
        var drawn = DrawnFaults()
        for kind in fired {
            var entry = entry(.fault, request)
            entry.route = faultRoute.rawValue
            entry.reason = kind.name
            record(entry)
            switch kind {
            case .latency(let milliseconds): drawn.latency += .milliseconds(milliseconds)
            case .serverError(let status, let retryAfter):
                var response = SimResponse.text(status, "simulated fault: status \(status)")
                if let retryAfter { response.headers.append(("Retry-After", String(retryAfter))) }
                drawn.replacement = response
            case .tooManyRequests(let retryAfter):
                var response = SimResponse.text(429, "simulated fault: too many requests")
                response.headers.append(("Retry-After", String(retryAfter)))
                drawn.replacement = response
            case .tokenExpiry: drawn.expireCredential = true
            case .connectionReset, .truncatedBody, .slowBody, .lyingLength: drawn.body = kind
            case .documentWithoutData, .zeroSizes, .badQueryItem, .malformedEventsPage, .badEvent, .bloatedEvents:
                drawn.document = kind
            }
        }
        return drawn
    }
}

/// The faults drawn for one request, by when they act.
struct DrawnFaults: Sendable {
    /// Delay before answering.
    var latency: Duration = .zero
    /// A response sent instead of the endpoint's.
    var replacement: SimResponse?
    /// Expire the token (or grant) the request presents, for good.
    var expireCredential = false
    /// A fault in sending the body.
    var body: FaultKind?
    /// A fault in the body's content: a hostile document, applied to a 200 answer.
    var document: FaultKind?
}
