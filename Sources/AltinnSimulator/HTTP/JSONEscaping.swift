/// JSON string literals as .NET serialisers write them.
enum JSONEscaping {
    /// `text` as a quoted JSON string the way System.Text.Json's default `JavaScriptEncoder` writes it
    /// (ASP.NET's default): printable ASCII stays, except `"` `&` `'` `+` `<` `>` and `` ` ``, which become
    /// `\uXXXX` like every non-ASCII UTF-16 unit (upper-case hex); `\` and the usual control characters get
    /// their short escapes.
    static func systemTextJSON(_ text: String) -> String {
        var result = "\""
        for unit in text.utf16 {
            switch unit {
            case 0x5C: result += "\\\\"
            case 0x0A: result += "\\n"
            case 0x0D: result += "\\r"
            case 0x09: result += "\\t"
            case 0x08: result += "\\b"
            case 0x0C: result += "\\f"
            case 0x22, 0x26, 0x27, 0x2B, 0x3C, 0x3E, 0x60: result += escaped(unit)
            case 0x20...0x7E: result.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            default: result += escaped(unit)
            }
        }
        return result + "\""
    }

    /// `\uXXXX` with upper-case hex digits.
    private static func escaped(_ unit: UInt16) -> String {
        let hex = String(unit, radix: 16, uppercase: true)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
