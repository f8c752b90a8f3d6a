/// The health verdict of `status` and `check`, with the monitoring plugin convention's exit codes
/// (0 OK, 1 WARNING, 2 CRITICAL).
public enum Health: Int32, Sendable, Comparable, CustomStringConvertible {
    /// All is well.
    case ok = 0
    /// Something needs a look soon.
    case warning = 1
    /// Something is broken.
    case critical = 2

    public static func < (lhs: Health, rhs: Health) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .ok: "OK"
        case .warning: "WARNING"
        case .critical: "CRITICAL"
        }
    }
}
