/// The malware scan state of a data element (`fileScanResult`). A string in both JSON shapes.
///
/// Altinn does not block downloads on it; the archive records it and refuses or quarantines ``infected``.
public enum FileScanResult: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The data type does not enable scanning.
    case notApplicable
    /// The scan has not finished.
    case pending
    /// Scanned, nothing found.
    case clean
    /// Scanned, malware found.
    case infected
    /// Any other value, as received.
    case unknown(String)

    /// The value for `text` (matched case-insensitively).
    public init(_ text: String) {
        switch text.lowercased() {
        case "notapplicable": self = .notApplicable
        case "pending": self = .pending
        case "clean": self = .clean
        case "infected": self = .infected
        default: self = .unknown(text)
        }
    }

    /// The name Altinn writes, e.g. `NotApplicable`.
    public var description: String {
        switch self {
        case .notApplicable: "NotApplicable"
        case .pending: "Pending"
        case .clean: "Clean"
        case .infected: "Infected"
        case .unknown(let text): text
        }
    }

    /// Decodes the name.
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes the name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
