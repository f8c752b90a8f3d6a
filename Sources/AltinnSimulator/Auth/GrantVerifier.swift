import Foundation

/// A grant Maskinporten accepted.
struct AcceptedGrant: Sendable, Equatable {
    let clientID: String
    let scope: String
    let jti: String?
    let consumerOrgNumber: String
    /// `private_key_jwt` for registered keys, `virksomhetssertifikat` for certificates.
    let clientAMR: String
    /// The `resource` claim, which becomes the token's `aud`.
    let resource: [String]?
}

/// A registered client with its keys ready to verify.
struct ClientKeys: Sendable {
    let client: RegisteredClient
    /// Verifiers by `kid`.
    let byKeyID: [String: any GrantKeyVerifier]
    /// Verifiers by certificate DER.
    let byCertificate: [Data: any GrantKeyVerifier]
}

/// Maskinporten's checks of a JWT grant (RFC 7523), in the order the simulator applies them.
///
/// Pure: the caller supplies the clients, the clock and the `jti`s already used.
struct GrantVerifier: Sendable {
    /// The issuer the grant's `aud` must equal, with trailing slash.
    let issuer: String
    /// The registered clients by id.
    let clients: [String: ClientKeys]
    /// The simulator's org number, the consumer of clients that name none.
    let defaultOrgNumber: String

    /// The claims Maskinporten documents; any other is refused.
    static let knownClaims: Set<String> = [
        "aud", "iss", "scope", "iat", "exp", "jti", "resource", "pid", "consumer_org", "iss_onbehalfof",
        "authorization_details", "nbf",
    ]
    /// The allowed distance between `iat` and Maskinporten's clock.
    static let clockTolerance: Int64 = 10
    /// The longest grant lifetime, `exp - iat`.
    static let maximumLifetime: Int64 = 120

    /// Checks `assertion` at `now` (seconds since 1970).
    func verify(_ assertion: String, now: Int64, usedJTIs: Set<String>) -> Result<AcceptedGrant, GrantRejection> {
        guard let jwt = CompactJWT(assertion) else { return .failure(.malformed) }
        guard let algorithm = jwt.algorithm, ["RS256", "RS384", "RS512"].contains(algorithm) else {
            return .failure(.unsupportedAlgorithm)
        }
        let x5c = jwt.header["x5c"]
        var certificate: Data?
        if let x5c {
            guard case .array(let chain) = x5c, let first = chain.first?.string,
                let der = Data(base64Encoded: first)
            else { return .failure(.invalidX5C) }
            certificate = der
        }
        let kid = jwt.header["kid"]?.string
        guard kid != nil || certificate != nil else { return .failure(.noKeyReference) }
        if let unknown = jwt.claims.keys.sorted().first(where: { !Self.knownClaims.contains($0) }) {
            return .failure(.unknownClaim(unknown))
        }
        guard let iss = jwt.claims["iss"]?.string else { return .failure(.badClaim("iss")) }
        guard let client = clients[iss] else { return .failure(.clientNotFound) }
        let verifier: (any GrantKeyVerifier)?
        if let certificate {
            verifier = client.byCertificate[certificate]
        } else {
            verifier = kid.flatMap { client.byKeyID[$0] }
        }
        guard let verifier else { return .failure(.invalidCertificate) }
        guard verifier.verify(jwt.signature, over: jwt.signingInput, algorithm: algorithm) else {
            return .failure(.invalidSignature)
        }
        return checkClaims(jwt.claims, client: client, usedCertificate: certificate != nil, now: now, used: usedJTIs)
    }

    private func checkClaims(
        _ claims: [String: JSONValue], client: ClientKeys, usedCertificate: Bool, now: Int64, used: Set<String>
    ) -> Result<AcceptedGrant, GrantRejection> {
        let audiences: [String]
        switch claims["aud"] {
        case .string(let value): audiences = [value]
        case .array(let values): audiences = values.compactMap(\.string)
        default: audiences = []
        }
        guard audiences == [issuer] else { return .failure(.invalidAudience) }
        guard let iat = claims["iat"]?.seconds else { return .failure(.badClaim("iat")) }
        guard let exp = claims["exp"]?.seconds else { return .failure(.badClaim("exp")) }
        guard iat <= now + Self.clockTolerance else { return .failure(.issuedInFuture) }
        guard iat >= now - Self.clockTolerance, exp > now else { return .failure(.expired) }
        guard exp - iat <= Self.maximumLifetime else { return .failure(.lifetimeTooLong) }
        let jti = claims["jti"]?.string
        if let jti, used.contains(jti) { return .failure(.reused) }
        guard let scope = claims["scope"]?.string else { return .failure(.badClaim("scope")) }
        let requested = scope.split(separator: " ").map(String.init)
        guard !requested.isEmpty, requested.allSatisfy(client.client.scopes.contains) else {
            return .failure(.invalidScope)
        }
        var resource: [String]?
        if case .array(let values) = claims["resource"] { resource = values.compactMap(\.string) }
        return .success(
            AcceptedGrant(
                clientID: client.client.clientID, scope: requested.joined(separator: " "), jti: jti,
                consumerOrgNumber: client.client.orgNumber ?? defaultOrgNumber,
                clientAMR: usedCertificate ? "virksomhetssertifikat" : "private_key_jwt", resource: resource))
    }
}
