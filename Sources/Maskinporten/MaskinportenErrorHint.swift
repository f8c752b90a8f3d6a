/// The usual causes of Maskinporten's error responses (docs.digdir.no "Feilsøking"), as advice.
enum MaskinportenErrorHint {
    /// Known `MP-xxx` ids and message fragments, most specific first.
    private static let table: [(match: String, hint: String)] = [
        ("MP-012", "the grant was used before: every request needs a fresh jti (this is a bug if it repeats)"),
        (
            "MP-100",
            "the client id is unknown in this environment: check maskinporten.clientId and that the client was "
                + "created in the same environment (test clients for tt02, production clients for production)"
        ),
        ("MP-110", "the grant's aud is wrong: it must be the Maskinporten issuer URL with its trailing slash"),
        (
            "MP-120",
            "the certificate is not accepted: use a test business certificate with Maskinporten TEST and a "
                + "production certificate with production"
        ),
        ("MP-121", "the registered key has expired (keys are valid one year after upload): register the key again"),
        (
            "MP-122",
            "the certificate's organisation number differs from the client's: use the certificate of the "
                + "organisation that owns the client"
        ),
        ("MP-123", "the x5c header must be an array of base64 DER certificates"),
        (
            "MP-124",
            "the signature is not accepted: the certificate may be expired or from the other environment, or "
                + "the kid may not match the registered key"
        ),
        // MP-130 covers three refusals; the message says which.
        (
            "Issue time is after now",
            "the grant's issue time is ahead of Maskinporten's clock, so the host clock is ahead: synchronise it "
                + "with NTP (Maskinporten allows 10 s)"
        ),
        (
            "exp - iat",
            "the grant lives longer than the 120 s Maskinporten allows (exp - iat): keep the grant lifetime at "
                + "120 s or less"
        ),
        (
            "JWT is expired",
            "the grant had expired when it arrived: the host clock is behind Maskinporten's (synchronise it with "
                + "NTP), or the request took longer than the grant's lifetime"
        ),
        ("MP-130", "the grant's times were refused: check the host clock against Maskinporten's (NTP)"),
        ("MP-011", "the grant is malformed: check the key id, scopes and client id for stray characters"),
        (
            "MP-200",
            "a requested scope is not registered on the client: add it to the client in Maskinporten's "
                + "self-service, or remove it from maskinporten.scopes"
        ),
        ("MP-201", "the scopes are not allowed for a Maskinporten client: check the client's integration type"),
        ("MP-250", "the organisation has not been granted the scope: ask the API owner (Digdir/Altinn) for access"),
        (
            "MP-251",
            "the delegation to the supplier is missing: the service owner must delegate the API access in Altinn"
        ),
        ("consumer_org", "consumer_org must be another organisation that delegated access, never your own"),
        ("MP-30", "the authorization_details are invalid"),
    ]

    /// Refusals whose cause depends on how the grant named its key, for a key registered under `kid`.
    private static func keyIDHint(_ text: String, kid: String) -> String? {
        if text.containsIgnoringCase("MP-120") {
            return "Maskinporten knows no key with kid \"\(kid)\" on this client: set maskinporten.key.kid to the "
                + "key id registered on the client (Digdir's self-service portal lists the client's keys), or "
                + "register this key's public key there under that kid"
        }
        if text.containsIgnoringCase("MP-124") {
            return "the signature does not verify with the key registered under kid \"\(kid)\": the key file is not "
                + "the one registered under that kid; use the matching private key, or set maskinporten.key.kid to "
                + "the key id under which this key's public key is registered"
        }
        return nil
    }

    /// A hint for an error response, or nil when none is known.
    ///
    /// - Parameter identification: how the refused grant named its key, when known: a `kid` problem gets a
    ///   `kid` remedy, a certificate problem a certificate remedy.
    static func hint(
        error: String?, description: String?, status: Int?, identification: KeyIdentification? = nil
    ) -> String? {
        let text = description ?? ""
        if case .keyID(let kid) = identification, let hint = keyIDHint(text, kid: kid) { return hint }
        if let entry = table.first(where: { text.containsIgnoringCase($0.match) }) {
            return entry.hint
        }
        switch error {
        case "invalid_scope":
            return table.first { $0.match == "MP-200" }?.hint
        case "invalid_client", "invalid_grant":
            return "check the client id, the environment, the key id or certificate, and the host clock"
        default:
            break
        }
        if status == 404 || status == 405 {
            return "the token endpoint was not found: the Maskinporten issuer URL must be the issuer, "
                + "e.g. https://test.maskinporten.no/"
        }
        return nil
    }
}
