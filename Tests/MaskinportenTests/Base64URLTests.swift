import Foundation
import Maskinporten
import Testing

@Suite struct Base64URLTests {
    /// RFC 4648 section 10 test vectors, without padding.
    @Test(arguments: [
        ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"),
        ("foobar", "Zm9vYmFy"),
    ])
    func rfc4648Vectors(plain: String, encoded: String) throws {
        #expect(Base64URL.encode(Data(plain.utf8)) == encoded)
        #expect(Base64URL.decode(encoded) == Data(plain.utf8))
    }

    /// Bytes whose standard encoding has `+` and `/` use `-` and `_` instead.
    @Test(arguments: [
        ([0xFB, 0xFF] as [UInt8], "-_8"), ([0xFB, 0xEF, 0xBE], "----"), ([0xFF, 0xFF, 0xFF], "____"),
        ([0x03, 0xE0, 0x3F], "A-A_"),
    ])
    func urlSafeAlphabet(bytes: [UInt8], encoded: String) throws {
        #expect(Base64URL.encode(Data(bytes)) == encoded)
        #expect(Base64URL.decode(encoded) == Data(bytes))
    }

    @Test func decodingAcceptsPaddingAndRejectsOtherAlphabets() {
        #expect(Base64URL.decode("Zg==") == Data("f".utf8))
        #expect(Base64URL.decode("+/8") == nil)
        #expect(Base64URL.decode("Z") == nil)
        #expect(Base64URL.decode("Zm9v.") == nil)
        #expect(Base64URL.decode("Zm 9v") == nil)
    }
}
