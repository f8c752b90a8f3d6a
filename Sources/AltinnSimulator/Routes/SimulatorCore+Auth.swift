extension SimulatorCore {
    /// The outcome of checking an Altinn bearer token.
    enum Authentication {
        case principal(AltinnPrincipal)
        case refused(SimResponse)
    }

    /// Checks the Altinn token of `request` with zero clock skew; a refusal is a 401 with an empty body,
    /// recorded in the ledger. `forceExpiry` treats any token as expired (the token-expiry fault).
    func authenticate(_ request: SimRequest, forceExpiry: Bool) -> Authentication {
        let reason: String
        if let token = request.bearerToken {
            if !forceExpiry, let principal = tokens.verifyAltinnToken(token, now: now().date.timeIntervalSince1970) {
                return .principal(principal)
            }
            reason = forceExpiry ? "token expired (fault)" : "invalid or expired token"
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
}
