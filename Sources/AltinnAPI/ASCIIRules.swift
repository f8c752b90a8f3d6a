/// Byte-level character classes for identifiers. They test ASCII bytes only, so look-alikes such as
/// Arabic-Indic or full-width digits never pass as digits.
enum ASCIIRules {
    /// Whether `byte` is `0`...`9`.
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Whether `byte` is `a`...`z`.
    static func isLowerLetter(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }

    /// Whether `byte` is a hexadecimal digit in either case.
    static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x61 && byte <= 0x66) || (byte >= 0x41 && byte <= 0x46)
    }

    /// Whether `text` is a DNS-label-like name: lowercase letters, digits and `-`, starting with an allowed
    /// first character and ending with a letter or digit, with `lengths` bytes.
    static func isLowercaseName(
        _ text: String, lengths: ClosedRange<Int>, firstAllowsDigit: Bool
    ) -> Bool {
        let bytes = Array(text.utf8)
        guard lengths.contains(bytes.count), let first = bytes.first, let last = bytes.last else { return false }
        guard isLowerLetter(first) || (firstAllowsDigit && isDigit(first)) else { return false }
        guard isLowerLetter(last) || isDigit(last) else { return false }
        return bytes.allSatisfy { isLowerLetter($0) || isDigit($0) || $0 == UInt8(ascii: "-") }
    }
}
