import Foundation
import Testing

@testable import AltinnSync

/// Checks what every produced name must satisfy, whatever the input.
private func expectSafe(_ name: String, limit: Int = 255, sourceLocation: SourceLocation = #_sourceLocation) {
    let bytes = Array(name.utf8)
    #expect(!bytes.contains(UInt8(ascii: "/")), "\(name.debugDescription) contains /", sourceLocation: sourceLocation)
    #expect(!bytes.contains(UInt8(ascii: "\\")), "\(name.debugDescription) contains \\", sourceLocation: sourceLocation)
    #expect(!bytes.contains(0), "\(name.debugDescription) contains NUL", sourceLocation: sourceLocation)
    #expect(name != "." && name != "..", sourceLocation: sourceLocation)
    #expect(!name.isEmpty, sourceLocation: sourceLocation)
    #expect(bytes.count <= limit, "\(bytes.count) bytes", sourceLocation: sourceLocation)
    #expect(bytes.first != UInt8(ascii: "."), "\(name.debugDescription) is hidden", sourceLocation: sourceLocation)
    #expect(
        bytes.last != UInt8(ascii: ".") && bytes.last != UInt8(ascii: " "),
        "\(name.debugDescription) ends with a dot or space", sourceLocation: sourceLocation)
    let unsafeScalar = name.unicodeScalars.first {
        $0.properties.generalCategory == .control || $0.properties.generalCategory == .format
    }
    #expect(
        unsafeScalar == nil, "\(name.debugDescription) has \(unsafeScalar.map(\.debugDescription) ?? "")",
        sourceLocation: sourceLocation)
    #expect(
        Array(name.unicodeScalars) == Array(name.precomposedStringWithCanonicalMapping.unicodeScalars), "not NFC",
        sourceLocation: sourceLocation)
}

@Suite struct SafeFileNameTests {
    static let hostile: [(String, String?)] = [
        ("receipt.pdf", "receipt.pdf"),
        ("Søknad om støtte (2).pdf", "Søknad om støtte (2).pdf"),
        ("../../etc/passwd", "_.._etc_passwd"),
        ("..\\..\\windows\\system32", "_.._windows_system32"),
        ("/", "_"),
        ("\\", "_"),
        ("/etc/shadow", "_etc_shadow"),
        ("a\u{0}b.pdf", "a_b.pdf"),
        ("\u{0}", "_"),
        ("line\nbreak\tand\u{7F}del\u{1B}[31m.txt", "line_break_and_del_[31m.txt"),
        ("\r\n", "__"),
        ("nel\u{85}here", "nel_here"),
        (".", nil),
        ("..", nil),
        ("...", nil),
        ("", nil),
        ("   ", nil),
        (" . . ", nil),
        (".hidden", "hidden"),
        ("..hidden.pdf", "hidden.pdf"),
        ("trailing.pdf. . ", "trailing.pdf"),
        ("trailing dots...", "trailing dots"),
        ("  spaced  ", "spaced"),
        ("con:tract*?\"<>|.pdf", "con_tract______.pdf"),
        ("C:\\Users\\x.docx", "C__Users_x.docx"),
        ("invoice\u{202E}fdp.exe", "invoice_fdp.exe"),
        ("\u{202E}", "_"),
        ("zero\u{200B}width\u{FEFF}.txt", "zero_width_.txt"),
        ("/\u{0301}etc/\u{0301}passwd", "_\u{0301}etc_\u{0301}passwd"),
        ("..\u{0338}/x", "\u{0338}_x"),
        ("Re\u{0301}sume\u{0301}.pdf", "R\u{E9}sum\u{E9}.pdf"),
        ("A\u{030A}rsrapport.pdf", "\u{C5}rsrapport.pdf"),
    ]

    @Test(arguments: hostile)
    func neutralisesHostileNames(_ name: String, _ expected: String?) {
        let safe = SafeFileName.sanitize(name)
        #expect(safe == expected)
        if let safe {
            expectSafe(safe)
            // Compare scalars too: String equality is canonical equivalence, blind to NFC versus NFD.
            #expect(Array(safe.unicodeScalars) == Array((expected ?? "").unicodeScalars))
        }
    }

    @Test func decomposedAndPrecomposedGiveTheSameBytes() throws {
        let decomposed = try #require(SafeFileName.sanitize("Vedlegg a\u{030A}.pdf"))
        let precomposed = try #require(SafeFileName.sanitize("Vedlegg \u{E5}.pdf"))
        #expect(Array(decomposed.utf8) == Array(precomposed.utf8))
        #expect(Array(precomposed.utf8) == Array("Vedlegg \u{E5}.pdf".utf8))
    }

    @Test func aLongNameIsCutToTheLimitKeepingItsExtension() throws {
        let name = String(repeating: "a", count: 296) + ".pdf"
        #expect(name.utf8.count == 300)
        let safe = try #require(SafeFileName.sanitize(name))
        #expect(safe == String(repeating: "a", count: 251) + ".pdf")
        #expect(safe.utf8.count == 255)
        expectSafe(safe)
    }

    @Test func theCutFallsOnACharacterBoundary() throws {
        // "ø" is two bytes: 125 of them and ".pdf" make 254 bytes; a 126th would make 256.
        let twoByte = try #require(SafeFileName.sanitize(String(repeating: "ø", count: 150) + ".pdf"))
        #expect(twoByte == String(repeating: "ø", count: 125) + ".pdf")
        expectSafe(twoByte)

        // A four-byte emoji: 62 of them and ".pdf" make 252 bytes.
        let fourByte = try #require(SafeFileName.sanitize(String(repeating: "🎉", count: 70) + ".pdf"))
        #expect(fourByte == String(repeating: "🎉", count: 62) + ".pdf")
        expectSafe(fourByte)

        // A character of a letter and two combining marks (5 bytes) is kept whole or not at all.
        let cluster = "q\u{0327}\u{0301}"  // no precomposed form, in canonical order
        let combined = try #require(SafeFileName.sanitize(String(repeating: cluster, count: 60)))
        #expect(combined.count == 51)
        #expect(combined.allSatisfy { $0 == Character(cluster.precomposedStringWithCanonicalMapping) })
        expectSafe(combined)
    }

    @Test func aLongNameWithoutAShortExtensionIsCutPlainly() throws {
        let noExtension = try #require(SafeFileName.sanitize(String(repeating: "b", count: 400)))
        #expect(noExtension == String(repeating: "b", count: 255))

        let longExtension = String(repeating: "a", count: 250) + "." + String(repeating: "x", count: 40)
        let cut = try #require(SafeFileName.sanitize(longExtension))
        #expect(cut == String(repeating: "a", count: 250) + "." + String(repeating: "x", count: 4))
        expectSafe(cut)
    }

    @Test func theCutNeverLeavesATrailingSpaceOrDot() throws {
        let spaces = try #require(SafeFileName.sanitize(String(repeating: "a", count: 253) + "   tail"))
        #expect(spaces == String(repeating: "a", count: 253))
        expectSafe(spaces)

        let dots = try #require(
            SafeFileName.sanitize(String(repeating: "a", count: 254) + ".." + String(repeating: "b", count: 20)))
        #expect(dots == String(repeating: "a", count: 254))
        expectSafe(dots)
    }

    @Test func aSmallLimitNeverLeavesOnlyTheExtension() throws {
        // Keeping ".pdf" would leave a hidden file (or break the limit); the name is cut plainly instead.
        let tight = try #require(SafeFileName.sanitize("report.pdf", maximumBytes: 4))
        #expect(tight == "repo")
        let tighter = try #require(SafeFileName.sanitize("report.pdf", maximumBytes: 3))
        #expect(tighter == "rep")
        let wide = try #require(SafeFileName.sanitize("ååå.pdf", maximumBytes: 5))
        #expect(wide == "åå")
        #expect(SafeFileName.sanitize("report.pdf", maximumBytes: 0) == nil)
        #expect(SafeFileName.sanitize("report.pdf", maximumBytes: -10) == nil)
        #expect(SafeFileName.sanitize("ø", maximumBytes: 1) == nil)
    }

    static let elementID = "3b46b1e8-2b7a-4f3c-9d62-5c1a4b7f0e21"

    static let dataNames: [(String?, String?, String)] = [
        ("receipt.pdf", "application/pdf", "\(elementID)-receipt.pdf"),
        ("receipt.pdf", nil, "\(elementID)-receipt.pdf"),
        ("../../etc/passwd", "text/plain", "\(elementID)-_.._etc_passwd"),
        (nil, "application/pdf", "\(elementID).pdf"),
        (nil, "application/xml", "\(elementID).xml"),
        (nil, "text/xml; charset=utf-8", "\(elementID).xml"),
        (nil, "APPLICATION/JSON", "\(elementID).json"),
        (nil, " image/png ; q=1", "\(elementID).png"),
        (nil, "text/plain", "\(elementID).txt"),
        ("..", "text/csv", "\(elementID).csv"),
        ("\u{0}", nil, "\(elementID)-_"),
        ("   ", "image/jpeg", "\(elementID).jpg"),
        (nil, "application/octet-stream", elementID),
        (nil, "", elementID),
        (nil, "/../../x", elementID),
        (nil, nil, elementID),
        ("..", nil, elementID),
    ]

    @Test(arguments: dataNames)
    func dataFileNames(_ filename: String?, _ contentType: String?, _ expected: String) {
        let name = SafeFileName.dataFileName(elementID: Self.elementID, filename: filename, contentType: contentType)
        #expect(name == expected)
        #expect(name.hasPrefix(Self.elementID))
        expectSafe(name)
    }

    @Test func aLongFilenameKeepsTheIDAndTheExtensionWithin255Bytes() {
        let name = SafeFileName.dataFileName(
            elementID: Self.elementID, filename: String(repeating: "æ", count: 200) + ".pdf",
            contentType: "application/pdf")
        #expect(name.hasPrefix(Self.elementID + "-æ"))
        #expect(name.hasSuffix("æ.pdf"))
        // 36 + 1 + 2·107 + 4 = 255; one more "æ" would be 257.
        #expect(name.utf8.count == 255)
        expectSafe(name)
    }

    @Test func fuzzedNamesAreAlwaysSafe() {
        // Names built from the troublesome pieces, deterministically.
        let pieces = [
            "/", "\\", ".", "..", " ", "\u{0}", "\n", "\u{202E}", "\u{0301}", "a", "ø", "🎉", ":", "*", "?", "\"",
            "<", ">", "|", "\u{7F}", "\u{2028}", ".pdf", "e\u{0301}",
        ]
        var generator = SplitMix64(seed: 42)
        for _ in 0..<2000 {
            var name = ""
            for _ in 0..<Int(generator.next() % 300) {
                name += pieces[Int(generator.next() % UInt64(pieces.count))]
            }
            let limit = Int(generator.next() % 300)
            guard let safe = SafeFileName.sanitize(name, maximumBytes: limit) else { continue }
            expectSafe(safe, limit: limit)
            expectSafe(SafeFileName.dataFileName(elementID: Self.elementID, filename: name, contentType: nil))
        }
    }
}

/// A tiny deterministic random number generator for repeatable fuzzing.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
