public import AltinnAPI
public import Foundation

/// Where a first run (a state folder with no cursor for an app) starts: from the oldest event Altinn keeps (so
/// that nothing is lost), from now, or from a moment. Events before it are skipped, and reconciliation does not
/// look at instances last changed before it.
public enum StartPoint: Sendable, Equatable, CustomStringConvertible {
    /// Everything Altinn still holds: the oldest retained event, and every unconfirmed instance.
    case beginning
    /// The moment of the first run.
    case now
    /// A given moment.
    case moment(AltinnTimestamp)

    /// Parses `beginning`, `now` or a timestamp such as `2026-01-01T00:00:00Z`.
    public init(_ text: String) throws(StartPointError) {
        switch text {
        case "beginning": self = .beginning
        case "now": self = .now
        default:
            guard let timestamp = try? AltinnTimestamp(text) else {
                throw StartPointError(
                    "expected \"beginning\", \"now\" or a timestamp such as 2026-01-01T00:00:00Z, got \"\(text)\"")
            }
            self = .moment(timestamp)
        }
    }

    /// The moment it stands for at `now`, or nil for the beginning.
    public func date(now: Date) -> Date? {
        switch self {
        case .beginning: nil
        case .now: now
        case .moment(let timestamp): timestamp.date
        }
    }

    public var description: String {
        switch self {
        case .beginning: "beginning"
        case .now: "now"
        case .moment(let timestamp): timestamp.text
        }
    }
}

/// A start point that does not parse; the message says what to write.
public struct StartPointError: Error, CustomStringConvertible, Sendable {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
