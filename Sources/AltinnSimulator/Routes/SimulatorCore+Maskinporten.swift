import Foundation

extension SimulatorCore {
    /// `POST <issuer>token`: checks the request and the JWT grant as Maskinporten does and issues an access
    /// token. The body must be a form (`invalid_request` otherwise) with the JWT-bearer `grant_type`
    /// (`unsupported_grant_type` otherwise); a grant a token-expiry fault has expired is refused as expired.
    func token(_ request: SimRequest) -> SimResponse {
        let mediaType = request.headers["content-type"]?.split(separator: ";").first
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard mediaType == "application/x-www-form-urlencoded" else {
            return reject(request, .notAForm, clientID: nil)
        }
        let form = QueryParameters(raw: String(decoding: request.body, as: UTF8.self))
        guard form.first("grant_type") == "urn:ietf:params:oauth:grant-type:jwt-bearer" else {
            return reject(request, .unsupportedGrantType, clientID: nil)
        }
        guard let assertion = form.first("assertion"), !assertion.isEmpty else {
            return reject(request, .malformed, clientID: nil)
        }
        let clientID = CompactJWT(assertion)?.claims["iss"]?.string
        if isExpiredByFault(assertion) {
            return reject(request, .expired, clientID: clientID, reason: "JWT is expired (fault)")
        }
        let now = now()
        let seconds = now.unixSeconds
        let result = state.withLock { world -> Result<AcceptedGrant, GrantRejection> in
            let verifier = GrantVerifier(
                issuer: maskinportenIssuer, clients: world.clients, defaultOrgNumber: configuration.orgNumber)
            let result = verifier.verify(assertion, now: seconds, usedJTIs: world.usedJTIs)
            if case .success(let grant) = result, let jti = grant.jti { world.usedJTIs.insert(jti) }
            return result
        }
        switch result {
        case .failure(let rejection):
            return reject(request, rejection, clientID: clientID)
        case .success(let grant):
            let lifetime = Int64(configuration.maskinportenTokenLifetime)
            do {
                let token = try tokens.maskinportenToken(for: grant, now: seconds, lifetime: lifetime)
                var entry = entry(.grantAccepted, request, status: 200)
                entry.clientID = grant.clientID
                record(entry)
                let body: [String: JSONValue] = [
                    "access_token": .string(token), "token_type": .string("Bearer"),
                    "expires_in": .integer(lifetime), "scope": .string(grant.scope),
                ]
                var response = SimResponse.json(200, encoding: body, sortedKeys: true)
                response.headers.append(("Cache-Control", "no-store"))
                return response
            } catch {
                return .text(500, "cannot sign the token: \(error)")
            }
        }
    }

    /// `GET <issuer>.well-known/oauth-authorization-server`: the issuer and token endpoint.
    func maskinportenMetadata() -> SimResponse {
        let body: [String: JSONValue] = [
            "issuer": .string(maskinportenIssuer), "token_endpoint": .string(maskinportenIssuer + "token"),
            "token_endpoint_auth_methods_supported": .array([.string("private_key_jwt")]),
            "grant_types_supported": .array([.string("urn:ietf:params:oauth:grant-type:jwt-bearer")]),
        ]
        return .json(200, encoding: body, sortedKeys: true)
    }

    private func reject(
        _ request: SimRequest, _ rejection: GrantRejection, clientID: String?, reason: String? = nil
    ) -> SimResponse {
        var entry = entry(.grantRejected, request, status: 400)
        entry.reason = reason ?? rejection.text
        entry.mpCode = rejection.code
        entry.clientID = clientID
        record(entry)
        let body = ["error": rejection.error, "error_description": rejection.description]
        return .json(400, encoding: body, sortedKeys: true)
    }
}
