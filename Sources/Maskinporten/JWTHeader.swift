/// The JOSE header of a signed JWT: the algorithm and exactly one way to find the key.
public struct JWTHeader: Codable, Sendable, Equatable {
    /// The signature algorithm.
    public var alg: JWSAlgorithm
    /// The id of a pre-registered key.
    public var kid: String?
    /// The signing certificate chain, leaf first, each element standard base64 DER. Always an array:
    /// Maskinporten answers MP-123 to a single string.
    public var x5c: [String]?
    /// The media type; grants leave it out, as Altinn's own clients do.
    public var typ: String?

    /// Creates a header.
    public init(alg: JWSAlgorithm, kid: String? = nil, x5c: [String]? = nil, typ: String? = nil) {
        self.alg = alg
        self.kid = kid
        self.x5c = x5c
        self.typ = typ
    }

    /// The header for a grant signed by `identity`: `kid` for registered keys, `x5c` for certificates.
    public init(alg: JWSAlgorithm, identification: KeyIdentification) {
        switch identification {
        case .keyID(let kid): self.init(alg: alg, kid: kid)
        case .certificateChain(let chain): self.init(alg: alg, x5c: chain.map(\.x5cValue))
        }
    }
}
