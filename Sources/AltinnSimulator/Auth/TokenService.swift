import Foundation

/// Issues and checks the simulator's tokens: Maskinporten access tokens, and Altinn tokens from the
/// exchange, each signed with its own key.
struct TokenService: Sendable {
    let maskinportenKey: any TokenKey
    let altinnKey: any TokenKey
    /// Maskinporten's issuer, `<base>/maskinporten/`.
    let maskinportenIssuer: String
    /// Altinn Authentication's issuer.
    let altinnIssuer: String
    /// The service owner the exchange knows, by org number.
    let org: String
    let orgNumber: String

    /// The leeway the exchange allows on a Maskinporten token's lifetime.
    static let exchangeClockSkew: Int64 = 10
    static let maskinportenKeyID = "altinn-sim-maskinporten"
    static let altinnKeyID = "altinn-sim-altinn"
    static let serviceOwnerScopePrefix = "altinn:serviceowner"

    /// A Maskinporten access token for `grant`, with the claims the real one carries.
    func maskinportenToken(for grant: AcceptedGrant, now: Int64, lifetime: Int64) throws -> String {
        var claims: [String: JSONValue] = [
            "iss": .string(maskinportenIssuer), "client_amr": .string(grant.clientAMR),
            "token_type": .string("Bearer"), "scope": .string(grant.scope), "client_id": .string(grant.clientID),
            "iat": .integer(now), "exp": .integer(now + lifetime), "jti": .string(Self.newID()),
            "consumer": .object([
                "authority": .string("iso6523-actorid-upis"), "ID": .string("0192:\(grant.consumerOrgNumber)"),
            ]),
        ]
        if let resource = grant.resource { claims["aud"] = .array(resource.map { .string($0) }) }
        return try CompactJWT.sign(claims: claims, keyID: Self.maskinportenKeyID, with: maskinportenKey)
    }

    /// The claims of a Maskinporten token this simulator signed, if it is valid at `now` give or take
    /// ``exchangeClockSkew`` and names a consumer.
    func verifyMaskinportenToken(_ token: String, now: Int64) -> [String: JSONValue]? {
        guard let jwt = CompactJWT(token), jwt.algorithm == "RS256",
            maskinportenKey.verify(jwt.signature, over: jwt.signingInput),
            jwt.claims["iss"]?.string == maskinportenIssuer,
            let exp = jwt.claims["exp"]?.seconds, now <= exp + Self.exchangeClockSkew,
            Self.consumerOrgNumber(jwt.claims) != nil
        else { return nil }
        if let iat = jwt.claims["iat"]?.seconds, iat > now + Self.exchangeClockSkew { return nil }
        return jwt.claims
    }

    /// The Altinn token for Maskinporten claims: the claims minus `aud`, `iss`, `client_amr` and `sid`,
    /// plus Altinn's (the org claim only with an `altinn:serviceowner` scope and a known org number).
    func altinnToken(from maskinportenClaims: [String: JSONValue], now: Int64, lifetime: Int64) throws -> String {
        var claims = maskinportenClaims
        for name in ["aud", "iss", "client_amr", "sid", "nbf"] { claims[name] = nil }
        let orgNumber = Self.consumerOrgNumber(maskinportenClaims) ?? ""
        let scope = maskinportenClaims["scope"]?.string ?? ""
        if scope.contains(Self.serviceOwnerScopePrefix), orgNumber == self.orgNumber {
            claims["urn:altinn:org"] = .string(org)
        }
        claims["urn:altinn:orgNumber"] = .string(orgNumber)
        claims["urn:altinn:authenticatemethod"] = .string("maskinporten")
        claims["urn:altinn:authlevel"] = .integer(3)
        claims["iss"] = .string(altinnIssuer)
        claims["sid"] = .string(Self.newID())
        claims["iat"] = .integer(now)
        claims["nbf"] = .integer(now)
        claims["exp"] = .integer(now + lifetime)
        return try CompactJWT.sign(claims: claims, keyID: Self.altinnKeyID, with: altinnKey)
    }

    /// The principal of an Altinn token valid at `now` with no clock skew at all, as Events, Storage and
    /// apps check it.
    func verifyAltinnToken(_ token: String, now: Double) -> AltinnPrincipal? {
        guard let jwt = CompactJWT(token), jwt.algorithm == "RS256",
            altinnKey.verify(jwt.signature, over: jwt.signingInput),
            jwt.claims["iss"]?.string == altinnIssuer,
            let exp = jwt.claims["exp"]?.seconds, now < Double(exp)
        else { return nil }
        if let nbf = jwt.claims["nbf"]?.seconds, Double(nbf) > now { return nil }
        let scopes = (jwt.claims["scope"]?.string ?? "").split(separator: " ").map(String.init)
        return AltinnPrincipal(
            org: jwt.claims["urn:altinn:org"]?.string, orgNumber: jwt.claims["urn:altinn:orgNumber"]?.string,
            scopes: Set(scopes), clientID: jwt.claims["client_id"]?.string)
    }

    /// The org number in `consumer.ID` (`0192:<9 digits>`).
    static func consumerOrgNumber(_ claims: [String: JSONValue]) -> String? {
        guard case .object(let consumer) = claims["consumer"], let id = consumer["ID"]?.string else { return nil }
        let parts = id.split(separator: ":")
        guard parts.count == 2, parts[1].count == 9, parts[1].allSatisfy(\.isASCII), parts[1].allSatisfy(\.isNumber)
        else { return nil }
        return String(parts[1])
    }

    private static func newID() -> String { UUID().uuidString.lowercased() }
}
