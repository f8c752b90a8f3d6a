import CurlHTTP

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Reads one JSON object of a configuration file, key by key, remembering which keys were read so that
/// unknown keys (usually typos) are reported instead of silently ignored.
struct JSONObjectReader {
    let path: String
    private let object: [String: JSONValue]
    private var consumed: Set<String> = []

    /// Parses `data` as a JSON object.
    init(data: Data) throws(ConfigurationError) {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw ConfigurationError(key: "", problem: Self.syntaxProblem(in: data))
        }
        guard case .object(let object) = value else {
            throw ConfigurationError(key: "", problem: "expected a JSON object at the top level")
        }
        self.init(path: "", object: object)
    }

    private init(path: String, object: [String: JSONValue]) {
        self.path = path
        self.object = object
    }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Whether `key` is present and not null.
    func has(_ key: String) -> Bool {
        guard let value = object[key] else { return false }
        return value != .null
    }

    private mutating func value(_ key: String) -> JSONValue? {
        consumed.insert(key)
        guard let value = object[key], value != .null else { return nil }
        return value
    }

    /// Marks `key` as known without reading it (a key allowed only as null here).
    mutating func accept(_ key: String) {
        consumed.insert(key)
    }

    mutating func string(_ key: String) throws(ConfigurationError) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let string) = value else { throw mismatch(key, expected: "a string", got: value) }
        guard !string.trimming(.whitespaces).isEmpty else {
            throw ConfigurationError(key: keyPath(key), problem: "must not be empty")
        }
        return string
    }

    mutating func requiredString(_ key: String, hint: String) throws(ConfigurationError) -> String {
        guard let string = try string(key) else { throw missing(key, hint: hint) }
        return string
    }

    mutating func bool(_ key: String) throws(ConfigurationError) -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .bool(let bool) = value else { throw mismatch(key, expected: "true or false", got: value) }
        return bool
    }

    mutating func integer(_ key: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
        guard let value = value(key) else { return nil }
        guard case .number(let number) = value, let integer = Int(exactly: number) else {
            throw mismatch(key, expected: "a whole number", got: value)
        }
        guard range.contains(integer) else {
            throw ConfigurationError(
                key: keyPath(key),
                problem: "must be between \(range.lowerBound) and \(range.upperBound), got \(integer)")
        }
        return integer
    }

    mutating func stringArray(_ key: String) throws(ConfigurationError) -> [String]? {
        guard let value = value(key) else { return nil }
        guard case .array(let array) = value else {
            throw mismatch(key, expected: "an array of strings", got: value)
        }
        var strings: [String] = []
        for (index, element) in array.enumerated() {
            guard case .string(let string) = element, !string.isEmpty else {
                throw ConfigurationError(
                    key: "\(keyPath(key))[\(index)]", problem: "expected a non-empty string, got \(element.summary)")
            }
            strings.append(string)
        }
        return strings
    }

    /// A duration written as a number of seconds or as text like `90s`, `15m`, `24h`, `7d`.
    mutating func duration(_ key: String, in range: ClosedRange<Duration>) throws(ConfigurationError) -> Duration? {
        guard let value = value(key) else { return nil }
        let parsed: Duration?
        switch value {
        case .number(let seconds):
            // A number beyond what a Duration can hold is out of range, not a crash.
            parsed = DurationText.duration(seconds: seconds) ?? .seconds(seconds < 0 ? -1 : DurationText.maximumSeconds)
        case .string(let text): parsed = DurationText.parse(text)
        default: parsed = nil
        }
        guard let duration = parsed else {
            throw mismatch(
                key, expected: "a duration such as \"90s\", \"15m\", \"24h\" or a number of seconds", got: value)
        }
        guard range.contains(duration) else {
            throw ConfigurationError(
                key: keyPath(key),
                problem:
                    "must be between \(DurationText.format(range.lowerBound)) and \(DurationText.format(range.upperBound))"
            )
        }
        return duration
    }

    mutating func object(_ key: String) throws(ConfigurationError) -> JSONObjectReader? {
        guard let value = value(key) else { return nil }
        guard case .object(let object) = value else { throw mismatch(key, expected: "an object", got: value) }
        return JSONObjectReader(path: keyPath(key), object: object)
    }

    /// Fails on any key that was never read.
    func rejectUnknownKeys(known extra: Set<String> = []) throws(ConfigurationError) {
        let unknown = Set(object.keys).subtracting(consumed).subtracting(extra).sorted()
        guard let first = unknown.first else { return }
        let known = consumed.union(extra).sorted().map { "\"\($0)\"" }.joined(separator: ", ")
        throw ConfigurationError(
            key: keyPath(first), problem: "unknown key; the keys allowed here are \(known)")
    }

    func missing(_ key: String, hint: String) -> ConfigurationError {
        // A key written with other capitals is the usual cause: say so.
        if let near = object.keys.first(where: { $0.lowercased() == key.lowercased() && $0 != key }) {
            return ConfigurationError(
                key: keyPath(key), problem: "is required, and \"\(near)\" is not it: keys are case-sensitive")
        }
        return ConfigurationError(key: keyPath(key), problem: "is required: \(hint)")
    }

    func invalid(_ key: String, _ problem: String) -> ConfigurationError {
        ConfigurationError(key: keyPath(key), problem: problem)
    }

    private func mismatch(_ key: String, expected: String, got value: JSONValue) -> ConfigurationError {
        ConfigurationError(key: keyPath(key), problem: "expected \(expected), got \(value.summary)")
    }

    /// Where the JSON syntax error in `data` is, as a line and column people can find.
    static func syntaxProblem(in data: Data) -> String {
        var problem = "not valid JSON"
        let bytes = [UInt8](data)
        switch JSONSyntaxLocator.firstError(in: bytes) {
        case .unexpected(let offset):
            let (line, column) = JSONLexicalScan.lineAndColumn(of: offset, in: bytes)
            let lineStart = bytes[..<offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            let lineEnd = bytes[offset...].firstIndex(of: 0x0A) ?? bytes.endIndex
            problem += " at line \(line), column \(column)"
            let lineText = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
            if lineText.contains("//") || lineText.contains("/*") || lineText.trimming(.whitespaces).hasPrefix("#") {
                problem += "; JSON allows no comments"
            }
        case .unexpectedEnd:
            problem += " at the end of the file"
        case .none:
            break
        }
        return problem + "; check for a missing or extra comma, quote or bracket there"
    }
}
