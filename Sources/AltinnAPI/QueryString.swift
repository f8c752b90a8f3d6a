/// Builds a URL query from names and values, percent-encoding everything but RFC 3986 unreserved
/// characters, `:` and `/`.
///
/// `+` becomes `%2B` (ASP.NET reads a raw `+` as a space) and `%` becomes `%25`, so an event type wildcard
/// such as `app.instance.process.movedTo.%` reaches Events as `%`.
struct QueryString {
    private var parts: [String] = []

    /// Appends `name=value`; repeated names are allowed.
    mutating func append(_ name: String, _ value: String) {
        parts.append("\(Self.encode(name))=\(Self.encode(value))")
    }

    /// The query, without the leading `?`.
    var text: String { parts.joined(separator: "&") }

    /// `value` with every byte outside the allowed set percent-encoded (upper-case hex).
    static func encode(_ value: String) -> String {
        var result = ""
        for byte in value.utf8 {
            if ASCIIRules.isDigit(byte) || ASCIIRules.isLowerLetter(byte) || (byte >= 0x41 && byte <= 0x5A)
                || "-._~:/".utf8.contains(byte)
            {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                result += byte < 0x10 ? "%0\(hex)" : "%\(hex)"
            }
        }
        return result
    }
}
