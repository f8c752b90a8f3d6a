extension SimulatorCore {
    /// `GET /authentication/api/v1/exchange/{provider}`: a Maskinporten token for an Altinn token.
    ///
    /// The body is the JWT as text, or as a JSON string when the request accepts `application/json`. A bad
    /// token, or one a token-expiry fault has expired, gets 401 with an empty body.
    func exchange(_ request: SimRequest, provider: String) -> SimResponse {
        guard ["maskinporten", "id-porten", "altinnstudio"].contains(provider.lowercased()) else {
            return .text(
                400,
                "Invalid token provider: \(provider). Trusted token providers are 'Maskinporten', 'Id-porten' "
                    + "and 'AltinnStudio'.")
        }
        if request.headers["x-altinn-enterpriseuser-authentication"] != nil {
            return .problem(410, title: "Gone", detail: "Virksomhetsbruker is no longer available")
        }
        let now = now().unixSeconds
        guard provider.lowercased() == "maskinporten", let token = request.bearerToken,
            !isExpiredByFault(token), let claims = tokens.verifyMaskinportenToken(token, now: now)
        else {
            var entry = entry(.exchangeRejected, request, status: 401)
            entry.reason =
                switch request.bearerToken {
                case nil: "no bearer token"
                case let token? where isExpiredByFault(token): "Maskinporten token expired (fault)"
                default: "invalid or expired Maskinporten token"
                }
            record(entry)
            return .empty(401)
        }
        let jwt: String
        do {
            jwt = try tokens.altinnToken(
                from: claims, now: now, lifetime: Int64(configuration.altinnTokenLifetime))
        } catch {
            return .text(500, "cannot sign the token: \(error)")
        }
        var entry = entry(.tokenExchanged, request, status: 200)
        entry.clientID = claims["client_id"]?.string
        record(entry)
        let accept = request.headers["accept"]?.lowercased() ?? ""
        if accept.contains("application/json") {
            return .json(200, encoding: jwt)
        }
        return .text(200, jwt)
    }
}
