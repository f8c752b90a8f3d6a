/// The tokens of JSON text that checks of its shape need, without parsing values: the structural
/// characters, each string (as the offsets of its quotes), and every other byte outside strings that is not
/// white space (numbers, literals, stray characters). Strings may hold any of `{}[],:"` escaped or not.
struct JSONLexicalScan: Sequence, IteratorProtocol {
    enum Token: Equatable {
        /// One of `{ } [ ] , :` at `offset`.
        case structural(UInt8, offset: Int)
        /// A string from its opening quote at `start` to its closing quote at `end` (or the text's end).
        case string(start: Int, end: Int)
        /// Any other byte outside strings that is not white space.
        case other(offset: Int)
    }

    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func next() -> Token? {
        while index < bytes.count {
            let offset = index
            let byte = bytes[offset]
            index += 1
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ","),
                UInt8(ascii: ":"):
                return .structural(byte, offset: offset)
            case UInt8(ascii: "\""):
                var escaped = false
                while index < bytes.count {
                    let inner = bytes[index]
                    index += 1
                    if escaped {
                        escaped = false
                    } else if inner == UInt8(ascii: "\\") {
                        escaped = true
                    } else if inner == UInt8(ascii: "\"") {
                        return .string(start: offset, end: index - 1)
                    }
                }
                return .string(start: offset, end: bytes.count)
            default:
                return .other(offset: offset)
            }
        }
        return nil
    }

    /// The line and column (both from 1; columns count characters) of `offset` in `bytes`.
    static func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        let before = bytes[..<offset]
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        let line = before.reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
        return (line, column)
    }
}
