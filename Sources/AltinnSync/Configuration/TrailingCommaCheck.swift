#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Refuses a comma after the last member of an object or the last element of an array (`"a": 1, }`).
///
/// JSON allows no such comma, but a lenient parser may accept it; the configuration is read strictly, so
/// that a file other JSON tools refuse is not accepted here either. A check of its own, apart from the
/// parser, so that it holds whichever parser reads the file.
enum TrailingCommaCheck {
    /// Where a trailing comma is: its line and column, both from 1 (columns count characters).
    struct Position: Sendable, Equatable {
        /// The line, from 1.
        var line: Int
        /// The column, from 1, in characters.
        var column: Int
        /// The bracket the comma stands before: `}` or `]`.
        var closing: Character
    }

    /// The first trailing comma in `data` outside strings, or nil when there is none.
    static func firstTrailingComma(in data: Data) -> Position? {
        let bytes = [UInt8](data)
        var pendingComma: Int?
        for token in JSONLexicalScan(bytes) {
            switch token {
            case .structural(UInt8(ascii: ","), let offset):
                pendingComma = offset
                continue
            case .structural(let closing, _) where closing == UInt8(ascii: "}") || closing == UInt8(ascii: "]"):
                if let comma = pendingComma {
                    let (line, column) = JSONLexicalScan.lineAndColumn(of: comma, in: bytes)
                    return Position(line: line, column: column, closing: Character(UnicodeScalar(closing)))
                }
            default:
                break
            }
            pendingComma = nil
        }
        return nil
    }

    /// Throws a ``ConfigurationError`` naming the line and column of the first trailing comma in `data`.
    static func check(_ data: Data) throws(ConfigurationError) {
        guard let comma = firstTrailingComma(in: data) else { return }
        let what = comma.closing == "}" ? "the last member of an object" : "the last element of an array"
        throw ConfigurationError(
            key: "",
            problem:
                "not valid JSON at line \(comma.line), column \(comma.column): a comma after \(what) "
                + "(before \"\(comma.closing)\"); JSON allows none there, remove it")
    }
}
