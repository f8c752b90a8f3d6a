#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Refuses an object that names the same key twice (`{"concurrency": 4, ..., "concurrency": 16}`).
///
/// JSON leaves open what a repeated key means: parsers keep the first, keep the last, or refuse. The
/// configuration is read strictly, so that what the operator meant is never guessed: the second occurrence is
/// an error naming the key and both lines. Keys are compared as the strings they denote (`"a"` and `"\u0061"`
/// are the same key).
enum DuplicateKeyCheck {
    /// A key found twice in one object.
    struct Finding: Sendable, Equatable {
        /// The dotted path of the key, e.g. `http.maxAttempts` or `apps[0]`-style for keys inside arrays.
        var path: String
        /// The line of its first occurrence, from 1.
        var firstLine: Int
        /// The line and column of its second occurrence, from 1 (columns count characters).
        var line: Int
        var column: Int
    }

    private struct Container {
        let path: String
        let isObject: Bool
        /// Each key met so far, with the offset of its first occurrence.
        var keys: [String: Int] = [:]
        var expectingKey: Bool
        var lastKey = ""
        var index = 0

        /// The path of a value nested in this container at this point.
        var childPath: String {
            guard isObject else { return "\(path)[\(index)]" }
            return path.isEmpty ? lastKey : "\(path).\(lastKey)"
        }
    }

    /// The first key that appears twice in one object of `data`, or nil when there is none.
    static func firstDuplicate(in data: Data) -> Finding? {
        let bytes = [UInt8](data)
        var open: [Container] = []
        for token in JSONLexicalScan(bytes) {
            switch token {
            case .structural(let bracket, _) where bracket == UInt8(ascii: "{") || bracket == UInt8(ascii: "["):
                let isObject = bracket == UInt8(ascii: "{")
                open.append(Container(path: open.last?.childPath ?? "", isObject: isObject, expectingKey: isObject))
            case .structural(UInt8(ascii: "}"), _), .structural(UInt8(ascii: "]"), _):
                _ = open.popLast()
            case .structural(UInt8(ascii: ","), _):
                guard !open.isEmpty else { continue }
                if open[open.count - 1].isObject {
                    open[open.count - 1].expectingKey = true
                } else {
                    open[open.count - 1].index += 1
                }
            case .structural(UInt8(ascii: ":"), _):
                if !open.isEmpty { open[open.count - 1].expectingKey = false }
            case .string(let start, let end):
                guard var container = open.popLast() else { continue }
                defer { open.append(container) }
                guard container.isObject, container.expectingKey else { continue }
                let key = decodedKey(bytes, start: start, end: end)
                container.expectingKey = false
                container.lastKey = key
                if let first = container.keys[key] {
                    let (line, column) = JSONLexicalScan.lineAndColumn(of: start, in: bytes)
                    return Finding(
                        path: container.childPath, firstLine: JSONLexicalScan.lineAndColumn(of: first, in: bytes).line,
                        line: line, column: column)
                }
                container.keys[key] = start
            default:
                continue
            }
        }
        return nil
    }

    /// Throws a ``ConfigurationError`` naming the repeated key and where it stands.
    static func check(_ data: Data) throws(ConfigurationError) {
        guard let duplicate = firstDuplicate(in: data) else { return }
        let lines =
            duplicate.firstLine == duplicate.line
            ? "twice on line \(duplicate.line)" : "on lines \(duplicate.firstLine) and \(duplicate.line)"
        throw ConfigurationError(
            key: duplicate.path,
            problem:
                "is given \(lines) (column \(duplicate.column) the second time), in the same object; JSON leaves "
                + "open which one counts, so keep one and remove the other")
    }

    /// The string a key token denotes: its bytes between the quotes, with escapes resolved.
    private static func decodedKey(_ bytes: [UInt8], start: Int, end: Int) -> String {
        let inner = bytes[(start + 1)..<max(start + 1, end)]
        guard inner.contains(UInt8(ascii: "\\")), end < bytes.count else {
            return String(decoding: inner, as: UTF8.self)
        }
        let token = Data(bytes[start...end])
        return (try? JSONDecoder().decode(String.self, from: token)) ?? String(decoding: inner, as: UTF8.self)
    }
}
