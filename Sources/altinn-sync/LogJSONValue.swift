#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A value of a JSON log line. Counts, sizes, codes and durations are JSON numbers, so log stores can compare
/// and sum them; ids (which may have leading zeros or exceed a double's precision) stay text.
enum LogJSONValue: Encodable, Equatable {
    case string(String)
    case integer(Int64)
    case number(Double)
    case array([LogJSONValue])
    case object([String: LogJSONValue])

    /// `text` as a number when it reads as one, else as text.
    init(text: String) {
        self = Self.number(text) ?? .string(text)
    }

    private static func number(_ text: String) -> LogJSONValue? {
        guard !text.isEmpty, text.count <= 15, text.first != "+" else { return nil }
        if text.count > 1, text.hasPrefix("0"), !text.hasPrefix("0.") { return nil }
        if let integer = Int64(text) { return .integer(integer) }
        if text.contains("."), let double = Double(text), double.isFinite { return .number(double) }
        return nil
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .integer(let integer): try container.encode(integer)
        case .number(let double): try container.encode(double)
        case .array(let values): try container.encode(values)
        case .object(let members): try container.encode(members)
        }
    }

    /// The value as one line of JSON, keys sorted.
    func line() -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) }
    }
}
