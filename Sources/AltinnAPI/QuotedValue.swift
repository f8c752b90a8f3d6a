/// Renders untrusted text for an error message: quoted, control characters escaped, and shortened, so a
/// hostile value can neither forge log lines nor flood them.
enum QuotedValue {
    /// The longest part of a value that an error message repeats.
    static let maximumLength = 80

    /// `text` in double quotes, escaped and cut to ``maximumLength`` characters with a trailing `…`.
    static func quote(_ text: some StringProtocol) -> String {
        var result = "\""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == maximumLength {
                result += "…"
                break
            }
            count += 1
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            default:
                if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format {
                    result += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
