import Foundation
import Testing

@testable import AltinnSync

/// A configuration that is not strict JSON is refused, wherever the parser is lenient.
extension ConfigurationTests {
    static let minimal = """
        {
          "environment": "tt02", "org": "ttd", "apps": ["ttd/app-one"],
          "maskinporten": {"clientId": "c", "key": {"type": "pem", "file": "key.pem", "kid": "k"}},
          "archiveDir": "/srv/archive"
        }
        """

    static let trailingCommas: [(text: String, line: Int, column: Int, closing: String)] = [
        (minimal.replacingOccurrences(of: #""/srv/archive""#, with: #""/srv/archive","#), 4, 31, "}"),
        (minimal.replacingOccurrences(of: #"["ttd/app-one"]"#, with: #"["ttd/app-one",]"#), 2, 62, "]"),
        (minimal.replacingOccurrences(of: #""kid": "k"}"#, with: "\"kid\": \"k\",\n  \t}"), 3, 89, "}"),
    ]

    @Test(arguments: trailingCommas)
    func aTrailingCommaIsAnErrorNamingItsLineAndColumn(
        text: String, line: Int, column: Int, closing: String
    ) throws {
        let error = try #require(throws: ConfigurationError.self) {
            try ConfigurationLoader.parse(Data(text.utf8), file: "/etc/altinn-sync/config.json")
        }
        #expect(error.key == "")
        #expect(error.problem.contains("not valid JSON at line \(line), column \(column)"), "\(error)")
        #expect(error.problem.contains("before \"\(closing)\""), "\(error)")
    }

    @Test func commasAndBracketsInsideStringsAreNotTrailingCommas() throws {
        let text = Self.minimal.replacingOccurrences(
            of: #""clientId": "c""#, with: #""clientId": "c,} \",] ,]""#)
        #expect(TrailingCommaCheck.firstTrailingComma(in: Data(text.utf8)) == nil)
        let parsed = try ConfigurationLoader.parse(Data(text.utf8), file: "/etc/altinn-sync/config.json")
        #expect(parsed.maskinporten.clientId == #"c,} ",] ,]"#)
    }

    @Test func theColumnCountsCharactersNotBytes() {
        let text = "{\"navn\": \"Blåbærsyltetøy\",\n}"
        let comma = TrailingCommaCheck.firstTrailingComma(in: Data(text.utf8))
        #expect(comma == TrailingCommaCheck.Position(line: 1, column: 26, closing: "}"))
    }

    @Test(arguments: ["config.example.json", "packaging/config.json"])
    func theShippedConfigurationsAreStrictJSONAndValid(_ relative: String) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let data = try Data(contentsOf: root.appending(path: relative))
        #expect(TrailingCommaCheck.firstTrailingComma(in: data) == nil)
        _ = try ConfigurationLoader.parse(data, file: "/etc/altinn-sync/config.json")
    }

    @Test func aFileThisUserMayNotReadSaysSoRatherThanPointingAtAnother() throws {
        let message = ConfigurationFileAccess.unreadable(
            user: "ola", owner: "root", group: "altinn-sync", mode: 0o100640)
        #expect(message.hasPrefix("exists, but this user (ola) may not read it: it is owned by root:altinn-sync"))
        #expect(message.contains("mode 0640"))
        #expect(message.contains("sudo -u altinn-sync"))
        #expect(!message.contains("--config"))

        let folder = try TemporaryFolder()
        let path = folder("altinn-sync.json")
        try Data(Self.minimal.utf8).write(to: URL(fileURLWithPath: path))
        #expect(ConfigurationFileAccess.permissionProblem(at: path) == nil, "a readable file has no problem")
        #expect(ConfigurationFileAccess.permissionProblem(at: folder("absent.json")) == nil, "the reader says")
        guard getuid() != 0 else { return }  // root reads anything; the end-to-end test runs as another user
        chmod(path, 0o000)
        let error = try #require(throws: ConfigurationError.self) { try ConfigurationLoader.load(path: path) }
        #expect(error.problem.contains("may not read it"), "\(error)")
        #expect(!error.problem.contains("--config"), "\(error)")
    }
}

/// A key given twice in one object is refused, naming it and both lines: which one counts is never guessed.
@Suite struct DuplicateKeyTests {
    private static let file = "/etc/altinn-sync/config.json"

    static let duplicates: [(text: String, path: String, firstLine: Int, line: Int, column: Int)] = [
        (
            ConfigurationTests.minimal.replacingOccurrences(
                of: #""archiveDir": "/srv/archive""#, with: "\"archiveDir\": \"/srv/archive\",\n  \"org\": \"ttd\""),
            "org", 2, 5, 3
        ),
        (
            ConfigurationTests.minimal.replacingOccurrences(
                of: #""kid": "k"}"#, with: #""kid": "k", "kid": "k2"}"#),
            "maskinporten.key.kid", 3, 3, 91
        ),
        (
            ConfigurationTests.minimal.replacingOccurrences(
                of: #""clientId": "c","#, with: #""clientId": "c", "client\u0049d": "d","#),
            "maskinporten.clientId", 3, 3, 37
        ),
        (
            ConfigurationTests.minimal.replacingOccurrences(
                of: #""archiveDir": "/srv/archive""#,
                with: #""archiveDir": "/srv/archive", "http": {"maxAttempts": 3, "maxAttempts": 5}"#),
            "http.maxAttempts", 4, 4, 60
        ),
    ]

    @Test(arguments: duplicates)
    func aKeyGivenTwiceIsAnErrorNamingItAndBothLines(
        text: String, path: String, firstLine: Int, line: Int, column: Int
    ) throws {
        let finding = DuplicateKeyCheck.firstDuplicate(in: Data(text.utf8))
        #expect(finding == DuplicateKeyCheck.Finding(path: path, firstLine: firstLine, line: line, column: column))
        let error = try #require(throws: ConfigurationError.self) {
            try ConfigurationLoader.parse(Data(text.utf8), file: Self.file)
        }
        #expect(error.key == path)
        #expect(error.problem.contains("keep one"), "\(error)")
        #expect(
            error.problem.contains(firstLine == line ? "twice on line \(line)" : "lines \(firstLine) and \(line)"),
            "\(error)")
    }

    @Test func theSameKeyInDifferentObjectsOrAsAValueIsNoDuplicate() throws {
        let text = ConfigurationTests.minimal.replacingOccurrences(
            of: #""archiveDir": "/srv/archive""#,
            with: #""archiveDir": "/srv/archive", "http": {"maxAttempts": 3}, "retry": {"maxAttempts": 2}"#
        ).replacingOccurrences(of: #""clientId": "c""#, with: #""clientId": "clientId""#)
        #expect(DuplicateKeyCheck.firstDuplicate(in: Data(text.utf8)) == nil)
        #expect(DuplicateKeyCheck.firstDuplicate(in: Data(#"[{"a": 1}, {"a": 2}, {"b": {"a": 3}}]"#.utf8)) == nil)
        #expect(
            DuplicateKeyCheck.firstDuplicate(in: Data(#"[{"a": 1}, {"a": 2, "a": 3}]"#.utf8))?.path == "[1].a")
        _ = try ConfigurationLoader.parse(Data(text.utf8), file: Self.file)
    }
}
