import Foundation
import Testing

@testable import AltinnSync

/// The locator names the place Foundation's JSON parser named ("around character N", a UTF-8 offset).
@Suite struct JSONSyntaxLocatorTests {
    static let invalid: [(String, JSONSyntaxLocator.Finding)] = [
        ("{\n  // the test environment\n  \"environment\": \"tt02\"\n}", .unexpected(offset: 4)),
        ("{\n  \"environment\": \"tt02\"\n  \"org\": \"ttd\"\n}", .unexpected(offset: 28)),
        ("{\"a\":1}\n,", .unexpected(offset: 8)),
        ("", .unexpectedEnd),
        ("   ", .unexpectedEnd),
        ("{\"éé\": 1 x}", .unexpected(offset: 11)),
        ("{\"a\": \"\u{1}\"}", .unexpected(offset: 7)),
        ("{\"a\": \"\t\"}", .unexpected(offset: 7)),
        ("{\n  \"a\": tru }", .unexpected(offset: 12)),
        ("{\"a\": 01}", .unexpected(offset: 7)),
        ("{\"a\": -}", .unexpected(offset: 7)),
        ("{\"a\": 1.}", .unexpected(offset: 8)),
        ("{\"a\": 1e}", .unexpected(offset: 8)),
        ("{\"a\": \"\\x\"}", .unexpected(offset: 7)),
        ("{\"a\": \"\\u12g4\"}", .unexpected(offset: 7)),
        ("{\"a\" 1}", .unexpected(offset: 5)),
        ("{\"a\": \"abc", .unexpectedEnd),
        ("{\"a\": [1, 2}", .unexpected(offset: 11)),
        ("{\"a\": NaN}", .unexpected(offset: 6)),
        ("{,}", .unexpected(offset: 1)),
        ("[,]", .unexpected(offset: 1)),
        ("{\"a\": 1,,}", .unexpected(offset: 8)),
        ("{'a': 1}", .unexpected(offset: 1)),
        ("{\"a\": 1} {}", .unexpected(offset: 9)),
        ("[[[[", .unexpectedEnd),
        ("{\"a\": 1\u{A0}}", .unexpected(offset: 7)),
    ]

    @Test(arguments: invalid)
    func findsTheFirstError(_ text: String, _ expected: JSONSyntaxLocator.Finding) {
        let finding = JSONSyntaxLocator.firstError(in: Array(text.utf8))
        #expect(finding == expected)
        // Foundation agrees where it names a character; where it found the end of the text, so did we.
        do {
            _ = try JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)
            Issue.record("Foundation accepts \(text.debugDescription)")
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
            if detail.contains("around character") {
                #expect(finding != .unexpectedEnd && detail.hasSuffix("around character \(offset(finding))."))
            } else if detail.contains("Unexpected end of file") {
                #expect(finding == .unexpectedEnd, "\(detail)")
            }
        }
    }

    private func offset(_ finding: JSONSyntaxLocator.Finding) -> Int {
        if case .unexpected(let offset) = finding { offset } else { -1 }
    }

    @Test(arguments: [
        "{}", "[]", "\"text\"", "0", "-0.5e+10", "1E-3", "true", "null", " \r\n\t{ \"a\" : [ 1 , { } , [ ] ] } ",
        "{\"a\": \"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e5\", \"ø\": \"Ærlig\"}", "\u{FEFF}{\"a\": 1}",
        // A comma before a closing bracket, as JSONDecoder allows.
        "{\"a\": [1, 2, ], }",
    ])
    func acceptsJSON(_ text: String) {
        #expect(JSONSyntaxLocator.firstError(in: Array(text.utf8)) == .none)
    }

    @Test func acceptsWhatTheEncoderWrites() throws {
        let value: [String: [String: [Double?]]] = ["a": ["b": [1, nil, -2.5e-300, 1e300]], "ø\"\n": [:]]
        #expect(JSONSyntaxLocator.firstError(in: Array(try JSONEncoder().encode(value))) == .none)
    }

    @Test func rejectsATextThatIsNotUTF8() {
        #expect(JSONSyntaxLocator.firstError(in: [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]) == .unexpected(offset: 1))
    }

    @Test(arguments: [
        ("{\n  \"navn\": \"Bø\" x\n}", "not valid JSON at line 2, column 16; check"),
        ("{\n  # a comment\n}", "at line 2, column 3; JSON allows no comments; check"),
        ("{\"a\": [1,", "not valid JSON at the end of the file; check for a missing"),
    ])
    func theProblemNamesLineAndColumn(_ text: String, _ expected: String) {
        let problem = JSONObjectReader.syntaxProblem(in: Data(text.utf8))
        #expect(problem.contains(expected), "\(problem)")
    }
}
