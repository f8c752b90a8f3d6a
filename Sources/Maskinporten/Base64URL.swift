#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// Base64url without padding (RFC 4648 section 5, RFC 7515 section 2), as JOSE uses it.
public enum Base64URL {
    /// Encodes `data` with the URL-safe alphabet and no `=` padding.
    public static func encode(_ data: some DataProtocol) -> String {
        var text = Data(data).base64EncodedString()
        text = text.replacing("+", with: "-").replacing("/", with: "_")
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }

    /// Decodes base64url text, with or without padding; nil when it contains anything else.
    ///
    /// The standard alphabet's `+` and `/` are rejected: JOSE values never contain them.
    public static func decode(_ text: some StringProtocol) -> Data? {
        var standard = String(text)
        while standard.hasSuffix("=") { standard.removeLast() }
        guard standard.utf8.allSatisfy({ isURLAlphabet($0) }), standard.utf8.count % 4 != 1 else { return nil }
        standard = standard.replacing("-", with: "+").replacing("_", with: "/")
        standard += String(repeating: "=", count: (4 - standard.utf8.count % 4) % 4)
        return Data(base64Encoded: standard)
    }

    private static func isURLAlphabet(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default: false
        }
    }
}
