/// A failure that ends the whole run, not just one instance or one app.
public struct RunAbort: Error, Sendable, CustomStringConvertible {
    /// The class of failure, which decides the exit code.
    public enum Kind: String, Sendable {
        /// Authentication or authorisation refused (exit 77).
        case authentication
        /// Network or service trouble that outlasted the retries (exit 75).
        case temporary
        /// The local archive or state folder cannot be written (exit 1).
        case localStorage
        /// The configuration, or a file it names (the key), is unusable (exit 78).
        case configuration
        /// Another run holds the lock (exit 11).
        case locked
    }

    /// The class.
    public var kind: Kind
    /// What went wrong and what to do.
    public var message: String

    /// Creates an abort.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
