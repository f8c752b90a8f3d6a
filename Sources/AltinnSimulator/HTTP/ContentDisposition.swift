/// The `Content-Disposition` ASP.NET writes for `File(stream, contentType, fileDownloadName)`.
///
/// `filename` is the name with every non-ASCII character replaced by `_`, quoted when it is not an HTTP
/// token; `filename*` is the UTF-8 name percent-encoded (RFC 5987).
enum ContentDisposition {
    /// The header value for `filename`.
    static func attachment(filename: String) -> String {
        let sanitized = String(filename.unicodeScalars.map { $0.isASCII ? Character($0) : "_" })
        let plain = isToken(sanitized) ? sanitized : quoted(sanitized)
        return "attachment; filename=\(plain); filename*=UTF-8''\(rfc5987(filename))"
    }

    /// Characters RFC 7230 allows in a token.
    private static let tokenCharacters = Set("!#$%&'*+-.^_`|~".utf8)

    private static func isToken(_ text: String) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy { byte in
                isAlphanumeric(byte) || tokenCharacters.contains(byte)
            }
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// RFC 5987 `attr-char`s stay; every other byte is `%XX`.
    private static let attributeCharacters = Set("!#$&+-.^_`|~".utf8)

    private static func rfc5987(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            if isAlphanumeric(byte) || attributeCharacters.contains(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return result
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
