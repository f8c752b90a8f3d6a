/// Whether the instance owner has read the instance (`status.readStatus`).
///
/// Storage writes the name (`"Read"`); apps write the .NET enum value (`1`). Both decode; unknown values
/// are kept in ``unknown(_:)`` rather than failing the document.
public enum ReadStatus: Sendable, Hashable, Codable {
    /// Not read (`"Unread"`, 0).
    case unread
    /// Read (`"Read"`, 1).
    case read
    /// Changed since the owner last read it (`"UpdatedSinceLastReview"`, 2).
    case updatedSinceLastReview
    /// Any other value, as text.
    case unknown(String)

    /// The value for Storage's name or the enum's number as text (names match case-insensitively).
    public init(_ text: String) {
        switch text.lowercased() {
        case "unread", "0": self = .unread
        case "read", "1": self = .read
        case "updatedsincelastreview", "2": self = .updatedSinceLastReview
        default: self = .unknown(text)
        }
    }

    /// The name Storage writes.
    public var name: String {
        switch self {
        case .unread: "Unread"
        case .read: "Read"
        case .updatedSinceLastReview: "UpdatedSinceLastReview"
        case .unknown(let text): text
        }
    }

    /// The number an app writes, when there is one.
    public var number: Int? {
        switch self {
        case .unread: 0
        case .read: 1
        case .updatedSinceLastReview: 2
        case .unknown(let text): Int(text)
        }
    }

    /// Decodes a name or a number.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self.init(String(number))
        } else {
            self.init(try container.decode(String.self))
        }
    }

    /// Encodes the name (Storage shape) or, when known, the number (app shape).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if AltinnJSONShape(encoder) == .app, let number {
            try container.encode(number)
        } else {
            try container.encode(name)
        }
    }
}
