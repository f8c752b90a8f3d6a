/// The one GUID form that identifiers accept: 36 characters, `8-4-4-4-12` hexadecimal digits with hyphens,
/// no braces or URN prefix. Upper-case digits are accepted and lowercased, the way Altinn writes GUIDs.
enum CanonicalGUID {
    /// The lowercased GUID, or an error naming `kind` (such as "instance GUID") and what was expected.
    static func parse(_ text: String, kind: String) throws(AltinnAPIError) -> String {
        let bytes = Array(text.utf8)
        let hyphens: Set<Int> = [8, 13, 18, 23]
        let valid =
            bytes.count == 36
            && bytes.indices.allSatisfy { index in
                hyphens.contains(index) ? bytes[index] == UInt8(ascii: "-") : ASCIIRules.isHexDigit(bytes[index])
            }
        guard valid else {
            throw AltinnAPIError(
                .invalidIdentifier,
                "\(kind) \(QuotedValue.quote(text)) is not a GUID; expected 32 hexadecimal digits "
                    + "as xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx")
        }
        return text.lowercased()
    }
}
