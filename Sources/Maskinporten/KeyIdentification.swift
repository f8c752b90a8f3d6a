/// How a grant tells Maskinporten which key signed it: exactly one of `kid` or `x5c`.
public enum KeyIdentification: Sendable {
    /// A key pre-registered with the client, named by its key id (JWS header `kid`).
    case keyID(String)
    /// A business certificate, sent with the grant (JWS header `x5c`), leaf first.
    case certificateChain([Certificate])
}
