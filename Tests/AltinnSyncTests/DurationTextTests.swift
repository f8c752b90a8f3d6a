import Testing

@testable import AltinnSync

@Suite struct DurationTextTests {
    static let parsed: [(String, Duration)] = [
        ("500ms", .milliseconds(500)),
        ("90s", .seconds(90)),
        ("90", .seconds(90)),
        ("15m", .seconds(900)),
        ("24h", .seconds(86400)),
        ("7d", .seconds(7 * 86400)),
        ("1h30m", .seconds(5400)),
        ("1d2h3m4s", .seconds(86400 + 7200 + 180 + 4)),
        ("1m500ms", .milliseconds(60500)),
        ("1.5h", .seconds(5400)),
        ("0.25s", .milliseconds(250)),
        ("0s", .zero),
        (" 2m ", .seconds(120)),
    ]

    @Test(arguments: parsed)
    func parses(_ text: String, _ expected: Duration) throws {
        let duration = try #require(DurationText.parse(text))
        #expect(duration == expected)
    }

    @Test(arguments: [
        "", " ", "s", "ms", "m5", "5x", "5mm", "5 m", "-5s", "+5s", "1e3s", "1..5s", ".s", "5s!", "1h-30m",
        "٣s", "５s", "1h30", "1m30", "99999999999999999999d", "inf", "nan",
    ])
    func rejects(_ text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    static let formatted: [(Duration, String)] = [
        (.zero, "0s"),
        (.milliseconds(1), "1ms"),
        (.milliseconds(500), "500ms"),
        (.seconds(1), "1s"),
        (.seconds(90), "1m30s"),
        (.seconds(900), "15m"),
        (.seconds(5400), "1h30m"),
        (.seconds(86400), "1d"),
        (.seconds(90 * 86400), "90d"),
        (.seconds(7 * 86400 + 1), "7d1s"),
        (.milliseconds(1500), "1s500ms"),
        (.milliseconds(3_600_250), "1h250ms"),
    ]

    @Test(arguments: formatted)
    func formats(_ duration: Duration, _ expected: String) {
        #expect(DurationText.format(duration) == expected)
    }

    @Test(arguments: formatted.map(\.0))
    func formatThenParseGivesTheDurationBack(_ duration: Duration) throws {
        let text = DurationText.format(duration)
        let parsed = try #require(DurationText.parse(text), "\(text)")
        #expect(parsed == duration, "\(text)")
    }
}
