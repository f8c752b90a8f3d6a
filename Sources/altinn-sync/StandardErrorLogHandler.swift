import AltinnSync
import Logging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
        // Whole lines, with a progress line (if one is shown) out of the way.
        ProgressLine.writeLogLine(line + "\n")
    }

    static func text(event: LogEvent, metadata: Logger.Metadata) -> String {
        var line = "\(timestamp()) \(event.level) \(escapeControls("\(event.message)"))"
        for key in metadata.keys.sorted() {
            line += " \(key)=\(quoteIfNeeded(metadata[key].map { "\($0)" } ?? ""))"
        }
        return line
    }

    static func json(event: LogEvent, metadata: Logger.Metadata) -> String {
        var object: [String: LogJSONValue] = [:]
        for (key, value) in metadata { object[key] = jsonValue(value) }
        object["time"] = .string(timestamp())
        object["level"] = .string("\(event.level)")
        object["message"] = .string("\(event.message)")
        return LogJSONValue.object(object).line() ?? #"{"level":"error","message":"unencodable log event"}"#
    }

    private static func jsonValue(_ value: Logger.MetadataValue) -> LogJSONValue {
        switch value {
        case .string(let string): .init(text: string)
        case .stringConvertible(let convertible): .init(text: convertible.description)
        case .array(let array): .array(array.map(jsonValue))
        case .dictionary(let dictionary): .object(dictionary.mapValues(jsonValue))
        }
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
