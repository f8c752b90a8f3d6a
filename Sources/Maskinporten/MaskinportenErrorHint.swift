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
        ("MP-130", "the grant had expired on arrival: check the host clock (NTP) against Maskinporten's"),
        ("Issue time is after now", "this host's clock is ahead of Maskinporten's: synchronise it with NTP"),
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

    /// A hint for an error response, or nil when none is known.
    static func hint(error: String?, description: String?, status: Int?) -> String? {
        let text = (description ?? "").lowercased()
        if let entry = table.first(where: { text.contains($0.match.lowercased()) }) {
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
