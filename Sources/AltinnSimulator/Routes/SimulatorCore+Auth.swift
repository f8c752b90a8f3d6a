extension SimulatorCore {
    /// The outcome of checking an Altinn bearer token.
    enum Authentication {
        case principal(AltinnPrincipal)
        case refused(SimResponse)
    }

    /// Checks the Altinn token of `request` with zero clock skew; a refusal is a 401 with an empty body,
    /// recorded in the ledger. A token a token-expiry fault has expired stays refused.
    func authenticate(_ request: SimRequest) -> Authentication {
        let reason: String
        if let token = request.bearerToken {
            if isExpiredByFault(token) {
                reason = "token expired (fault)"
            } else if let principal = tokens.verifyAltinnToken(token, now: now().date.timeIntervalSince1970) {
                return .principal(principal)
            } else {
                reason = "invalid or expired token"
            }
        } else {
            reason = "no bearer token"
        }
        var entry = entry(.unauthorized, request, status: 401)
        entry.reason = reason
        record(entry)
        return .refused(.empty(401))
    }

    /// A 403 with an empty body (ASP.NET's `Forbid()`), recorded.
    func forbidden(_ request: SimRequest, reason: String, principal: AltinnPrincipal) -> SimResponse {
        var entry = entry(.forbidden, request, status: 403)
        entry.reason = reason
        entry.clientID = principal.clientID
        record(entry)
        return .empty(403)
    }

    /// A 403 ProblemDetails `Insufficient scope`, as an app's `ScopeAuthorizationMiddleware` answers, for a
    /// token without `scope`; recorded as ``LedgerEntry/Kind/forbidden``.
    func insufficientScope(
        _ request: SimRequest, missing scope: String, principal: AltinnPrincipal, api: API
    ) -> SimResponse {
        var entry = entry(.forbidden, request, status: 403)
        entry.reason = "missing scope \(scope)"
        entry.route = api.rawValue
        entry.clientID = principal.clientID
        record(entry)
        return .problem(403, title: "Forbidden", detail: "Insufficient scope")
    }
}
