/// The two URL encoders .NET uses where Storage builds its `next` link.
enum PercentEncoding {
    /// `HttpUtility.UrlEncode`: lowercase hex, space as `+`, letters, digits and `-_.!*()` kept.
    static func httpUtility(_ text: String) -> String {
        encode(text, keep: Set("-_.!*()".utf8), spaceAsPlus: true, lowercase: true)
    }

    /// `UrlEncoder.Default` as `QueryBuilder` uses it: uppercase hex, only letters, digits and `-._~` kept.
    static func queryBuilder(_ text: String) -> String {
        encode(text, keep: Set("-._~".utf8), spaceAsPlus: false, lowercase: false)
    }

    private static func encode(_ text: String, keep: Set<UInt8>, spaceAsPlus: Bool, lowercase: Bool) -> String {
        var result = ""
        for byte in text.utf8 {
            let isAlphanumeric =
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            if isAlphanumeric || keep.contains(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else if byte == UInt8(ascii: " "), spaceAsPlus {
                result += "+"
            } else {
                let hex = String(byte, radix: 16, uppercase: !lowercase)
                result += "%" + (byte < 16 ? "0" : "") + hex
            }
        }
        return result
    }
}
