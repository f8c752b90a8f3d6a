/// Finds where JSON text first breaks the grammar (RFC 8259), so that a configuration error can name a line and
/// a column: `JSONDecoder` says only that the data is not valid JSON.
///
/// It allows what the decoder allows beyond the RFC, a comma before a closing bracket and a UTF-8 byte order
/// mark, so that the place it names is where the decoder stopped too.
enum JSONSyntaxLocator {
    /// Where the text stops being JSON.
    enum Finding: Equatable {
        /// The byte at this offset cannot continue the text.
        case unexpected(offset: Int)
        /// The text ends inside a value.
        case unexpectedEnd
        /// The text is JSON.
        case none
    }

    private enum Expecting {
        case value, valueOrEndOfArray, keyOrEndOfObject, colon, commaOrEnd, endOfText
    }

    /// The first place in `bytes` that is not JSON.
    static func firstError(in bytes: [UInt8]) -> Finding {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var open: [UInt8] = []  // the brackets ({ or [) not yet closed, innermost last
        var expecting = Expecting.value
        while true {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
            guard index < bytes.count else { return expecting == .endOfText ? .none : .unexpectedEnd }
            let byte = bytes[index]
            var endedValue = false
            switch expecting {
            case .endOfText:
                return .unexpected(offset: index)
            case .colon:
                guard byte == UInt8(ascii: ":") else { return .unexpected(offset: index) }
                index += 1
                expecting = .value
            case .commaOrEnd:
                if byte == UInt8(ascii: ",") {
                    index += 1
                    expecting = open.last == UInt8(ascii: "{") ? .keyOrEndOfObject : .valueOrEndOfArray
                } else if byte == (open.last == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    index += 1
                    open.removeLast()
                    endedValue = true
                } else {
                    return .unexpected(offset: index)
                }
            case .keyOrEndOfObject:
                if byte == UInt8(ascii: "}") {
                    index += 1
                    open.removeLast()
                    endedValue = true
                } else if byte == UInt8(ascii: "\"") {
                    if let finding = string(bytes, &index) { return finding }
                    expecting = .colon
                } else {
                    return .unexpected(offset: index)
                }
            case .value, .valueOrEndOfArray:
                if expecting == .valueOrEndOfArray, byte == UInt8(ascii: "]") {
                    index += 1
                    open.removeLast()
                    endedValue = true
                } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                    index += 1
                    open.append(byte)
                    expecting = byte == UInt8(ascii: "{") ? .keyOrEndOfObject : .valueOrEndOfArray
                } else {
                    if let finding = scalar(bytes, &index) { return finding }
                    endedValue = true
                }
            }
            if endedValue { expecting = open.isEmpty ? .endOfText : .commaOrEnd }
        }
    }

    /// Reads a string, number or literal at `index`; nil when it is one, else what is wrong.
    private static func scalar(_ bytes: [UInt8], _ index: inout Int) -> Finding? {
        switch bytes[index] {
        case UInt8(ascii: "\""): return string(bytes, &index)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number(bytes, &index)
        case UInt8(ascii: "t"): return literal("true", bytes, &index)
        case UInt8(ascii: "f"): return literal("false", bytes, &index)
        case UInt8(ascii: "n"): return literal("null", bytes, &index)
        default: return .unexpected(offset: index)
        }
    }

    /// Reads a string from its opening quote: no control characters, only JSON's escapes, UTF-8.
    private static func string(_ bytes: [UInt8], _ index: inout Int) -> Finding? {
        let start = index
        index += 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                guard String(validating: bytes[start..<index], as: UTF8.self) != nil else {
                    return .unexpected(offset: start)
                }
                return nil
            case UInt8(ascii: "\\"):
                guard index + 1 < bytes.count else { return .unexpectedEnd }
                if bytes[index + 1] == UInt8(ascii: "u") {
                    guard index + 5 < bytes.count else { return .unexpectedEnd }
                    guard bytes[(index + 2)...(index + 5)].allSatisfy(isHexDigit) else {
                        return .unexpected(offset: index)
                    }
                    index += 6
                } else {
                    guard Array(#""\/bfnrt"#.utf8).contains(bytes[index + 1]) else {
                        return .unexpected(offset: index)
                    }
                    index += 2
                }
            case 0x00..<0x20:
                return .unexpected(offset: index)
            default:
                index += 1
            }
        }
        return .unexpectedEnd
    }

    /// Reads a number: `-`, then `0` or digits not starting with 0, then an optional fraction and exponent.
    private static func number(_ bytes: [UInt8], _ index: inout Int) -> Finding? {
        func digits(required: Bool) -> Finding? {
            let start = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard required, index == start else { return nil }
            return index < bytes.count ? .unexpected(offset: index) : .unexpectedEnd
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if let finding = digits(required: true) {
            return finding
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            if let finding = digits(required: true) { return finding }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            if let finding = digits(required: true) { return finding }
        }
        return nil
    }

    /// Reads `word` (`true`, `false` or `null`).
    private static func literal(_ word: String, _ bytes: [UInt8], _ index: inout Int) -> Finding? {
        for expected in word.utf8 {
            guard index < bytes.count else { return .unexpectedEnd }
            guard bytes[index] == expected else { return .unexpected(offset: index) }
            index += 1
        }
        return nil
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
    }
}
