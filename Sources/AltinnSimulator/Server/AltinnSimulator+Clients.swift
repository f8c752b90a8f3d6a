public import Foundation

extension AltinnSimulator {
    /// Registers a Maskinporten client (replacing one with the same id).
    ///
    /// Throws when a key or certificate does not parse.
    public func registerClient(_ client: RegisteredClient) throws {
        try core.register(client)
    }

    /// An Altinn token as the exchange would issue it to a client of `orgNumber` (the simulator's own org
    /// number when nil) holding `scopes`, valid for `lifetime` (the configured lifetime when nil). For tests
    /// that do not care about Maskinporten.
    public func altinnToken(
        scopes: Set<String> = RegisteredClient.serviceOwnerScopes, orgNumber: String? = nil,
        clientID: String = "altinn-sim-test-client", lifetime: TimeInterval? = nil
    ) throws -> String {
        let now = core.now().unixSeconds
        let claims: [String: JSONValue] = [
            "scope": .string(scopes.sorted().joined(separator: " ")), "client_id": .string(clientID),
            "token_type": .string("Bearer"), "jti": .string(UUID().uuidString.lowercased()),
            "consumer": .object([
                "authority": .string("iso6523-actorid-upis"),
                "ID": .string("0192:\(orgNumber ?? configuration.orgNumber)"),
            ]),
        ]
        return try core.tokens.altinnToken(
            from: claims, now: now, lifetime: Int64(lifetime ?? configuration.altinnTokenLifetime))
    }
}
