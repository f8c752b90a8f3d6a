import Foundation
import Testing

@testable import AltinnSync

/// The standard library's NFC, which file names go through, gives what Foundation's (ICU's) gives.
@Suite struct UnicodeNFCTests {
    @Test(arguments: [
        "", "plain ascii.pdf", "Søknad.pdf", "Re\u{301}sume\u{301}", "A\u{30A}rsrapport",
        "\u{1100}\u{1161}\u{11A8}",  // Hangul jamo compose to one syllable
        "\u{2126}", "\u{212B}",  // singletons (OHM SIGN, ANGSTROM SIGN) become other characters
        "\u{958}",  // a composition exclusion stays decomposed
        "q\u{307}\u{323}", "\u{1E9B}\u{323}",  // combining marks reordered, then composed where they can be
        "a\u{328}\u{301}", "\u{F900}", "🎉e\u{301}", "\u{0}/\u{301}",
    ])
    func matchesFoundation(_ text: String) {
        #expect(
            Array(UnicodeNFC.normalize(text).unicodeScalars)
                == Array(text.precomposedStringWithCanonicalMapping.unicodeScalars))
    }

    @Test func matchesFoundationForMixedMarks() {
        let pieces = [
            "a", "e", "o", "A", "\u{301}", "\u{300}", "\u{308}", "\u{323}", "\u{327}", "\u{30A}", "\u{338}", "ø",
            "\u{1100}", "\u{1161}", "\u{11A8}", "\u{3099}", "\u{304B}", "/", ".",
        ]
        var generator = SplitMix64(seed: 7)
        for _ in 0..<500 {
            let text = (0..<Int(generator.next() % 12)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))]
            }.joined()
            #expect(
                Array(UnicodeNFC.normalize(text).unicodeScalars)
                    == Array(text.precomposedStringWithCanonicalMapping.unicodeScalars), "\(text.debugDescription)")
        }
    }

    @Test func composesASyllableWithATrailingConsonant() {
        // UAX #15: a precomposed LV syllable and a trailing jamo compose to the LVT syllable (as Python's
        // unicodedata does). Foundation on Linux leaves the pair as it is, so this is checked against the standard.
        #expect(Array(UnicodeNFC.normalize("\u{AC00}\u{11A8}").unicodeScalars) == ["\u{AC01}"])
        #expect(Array(UnicodeNFC.normalize("\u{1100}\u{1161}\u{11A8}").unicodeScalars) == ["\u{AC01}"])
    }
}
