/// Who presented a valid Altinn token: the claims the Altinn APIs authorise on.
struct AltinnPrincipal: Sendable, Equatable {
    /// `urn:altinn:org`, present only for service owners.
    let org: String?
    /// `urn:altinn:orgNumber`.
    let orgNumber: String?
    /// The Maskinporten scopes carried over.
    let scopes: Set<String>
    /// The client id carried over.
    let clientID: String?

    /// Whether the token carries `scope`.
    func has(scope: String) -> Bool { scopes.contains(scope) }
}
