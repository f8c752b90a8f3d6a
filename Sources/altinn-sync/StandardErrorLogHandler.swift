import AltinnSync
import Foundation
import Logging

/// Writes log events to stderr as text or JSON lines. Lines are written whole, so concurrent tasks never
/// interleave within a line.
struct StandardErrorLogHandler: LogHandler {
    let label: String
    let format: LogFormat
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let line: String
        switch format {
        case .text: line = Self.text(event: event, metadata: merged)
        case .json: line = Self.json(event: event, metadata: merged)
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func text(event: LogEvent, metadata: Logger.Metadata) -> String {
        var line = "\(timestamp()) \(event.level) \(escapeControls("\(event.message)"))"
        for key in metadata.keys.sorted() {
            line += " \(key)=\(quoteIfNeeded(metadata[key].map { "\($0)" } ?? ""))"
        }
        return line
    }

    static func json(event: LogEvent, metadata: Logger.Metadata) -> String {
        var object: [String: Any] = ["time": timestamp(), "level": "\(event.level)", "message": "\(event.message)"]
        for (key, value) in metadata { object[key] = jsonValue(value) }
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return "{\"level\":\"error\",\"message\":\"unencodable log event\"}" }
        return String(decoding: data, as: UTF8.self)
    }

    private static func jsonValue(_ value: Logger.MetadataValue) -> Any {
        switch value {
        case .string(let string): return number(string) ?? string
        case .stringConvertible(let convertible): return number(convertible.description) ?? convertible.description
        case .array(let array): return array.map(jsonValue)
        case .dictionary(let dictionary): return dictionary.mapValues(jsonValue)
        }
    }

    /// Counts, sizes, codes and durations become JSON numbers, so log stores can compare and sum them; ids
    /// (which may have leading zeros or exceed a double's precision) stay text.
    private static func number(_ text: String) -> NSNumber? {
        guard !text.isEmpty, text.count <= 15, text.first != "+" else { return nil }
        if text.count > 1, text.hasPrefix("0"), !text.hasPrefix("0.") { return nil }
        if let integer = Int64(text) { return NSNumber(value: integer) }
        if text.contains("."), let double = Double(text), double.isFinite { return NSNumber(value: double) }
        return nil
    }

    /// The value as one token of a `key=value` line: quoted when it holds spaces, quotes or `=`, and with
    /// every control character escaped, so a value from Altinn can never forge or break a log line.
    private static func quoteIfNeeded(_ text: String) -> String {
        var escaped = ""
        var needsQuotes = text.isEmpty
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case " ", "=": escaped.unicodeScalars.append(scalar)
            default:
                if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format {
                    escaped += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    escaped.unicodeScalars.append(scalar)
                    continue
                }
            }
            needsQuotes = true
        }
        return needsQuotes ? "\"\(escaped)\"" : escaped
    }

    private static func escapeControls(_ text: String) -> String {
        String(
            text.unicodeScalars.map { scalar in
                scalar.properties.generalCategory == .control
                    ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
            }.joined())
    }

    private static func timestamp() -> String {
        ISOTime.string(Date(), fractional: true)
    }
}
