public import Foundation

/// A Maskinporten client the simulator knows: its id, the scopes it may ask for and how it proves itself.
public struct RegisteredClient: Sendable, Hashable {
    /// How grants from the client are signed.
    public enum Key: Sendable, Hashable {
        /// A pre-registered RSA public key (PEM `PUBLIC KEY`), named in the grant header by `kid`.
        case publicKey(kid: String, pem: String)
        /// A business certificate (DER); grants carry it as the first element of the `x5c` array.
        case certificate(der: Data)
    }

    /// The client id, the grant's `iss`.
    public var clientID: String
    /// The scopes the client may ask for.
    public var scopes: Set<String>
    /// The keys that may sign its grants.
    public var keys: [Key]
    /// The organisation number the token's `consumer` names; nil for the simulator's own org number.
    public var orgNumber: String?

    /// Creates a client.
    public init(clientID: String, scopes: Set<String>, keys: [Key], orgNumber: String? = nil) {
        self.clientID = clientID
        self.scopes = scopes
        self.keys = keys
        self.orgNumber = orgNumber
    }

    /// The scopes a service owner's synchronizer uses.
    public static let serviceOwnerScopes: Set<String> = [
        "altinn:serviceowner/instances.read", "altinn:serviceowner/instances.write",
    ]
}
