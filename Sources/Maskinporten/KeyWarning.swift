/// Something about a usable key that the service owner should fix soon; the caller logs it.
public struct KeyWarning: Sendable, Equatable, CustomStringConvertible {
    /// The kind of warning.
    public enum Kind: String, Sendable, Equatable {
        /// The key file can be read by the group or by others.
        case filePermissions = "file permissions"
        /// The certificate expires within ``SigningIdentity/certificateExpiryWarning``.
        case certificateExpiresSoon = "certificate expires soon"
    }

    /// The kind of warning.
    public var kind: Kind
    /// What is wrong and what to do about it.
    public var message: String

    /// Creates a warning.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
