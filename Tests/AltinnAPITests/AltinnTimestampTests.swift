import AltinnAPI
import Foundation
import Testing

@Suite("AltinnTimestamp")
struct AltinnTimestampTests {
    @Test(arguments: [
        ("2023-02-16T18:02:12.8660282Z", "2023-02-16T18:02:12.8660282Z"),  // .NET, 7 digits
        ("2020-04-29T13:53:06.117891Z", "2020-04-29T13:53:06.1178910Z"),  // 6 digits
        ("2022-07-07T11:00:53.391Z", "2022-07-07T11:00:53.3910000Z"),  // 3 digits
        ("2020-10-13T11:50:29Z", "2020-10-13T11:50:29.0000000Z"),  // no fraction
        ("2022-07-07T13:00:53.3917+02:00", "2022-07-07T11:00:53.3917000Z"),  // positive offset
        ("2022-07-07T09:30:00-01:30", "2022-07-07T11:00:00.0000000Z"),  // negative offset
        ("2000-01-01T00:30:00+0100", "1999-12-31T23:30:00.0000000Z"),  // offset without colon, crosses a year
        ("2024-08-28T05:10:09.8629034", "2024-08-28T05:10:09.8629034Z"),  // no zone means UTC
        ("2024-02-29T23:59:59.123456789Z", "2024-02-29T23:59:59.1234567Z"),  // digits after the 7th dropped
        ("2024-02-29t23:59:59z", "2024-02-29T23:59:59.0000000Z"),  // lower-case separators
        ("0001-01-01T00:00:00Z", "0001-01-01T00:00:00.0000000Z"),  // DateTime.MinValue
        ("9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.9999999Z"),  // DateTime.MaxValue
    ])
    func parsesAndNormalises(_ text: String, _ normalized: String) throws {
        let timestamp = try AltinnTimestamp(text)
        #expect(timestamp.normalized == normalized)
        #expect(timestamp.text == text)
        #expect(timestamp.description == text)
    }

    @Test(arguments: [
        ("2020-10-13T11:50:29Z", 1_602_589_829.0),
        ("2023-02-16T18:02:12.5Z", 1_676_570_532.5),
        ("2023-02-16T20:02:12.25+02:00", 1_676_570_532.25),
        ("2020-04-29T13:53:06", 1_588_168_386.0),
        ("1969-12-31T23:59:58.75Z", -1.25),
    ])
    func parsesToDate(_ text: String, _ secondsSince1970: Double) throws {
        #expect(try AltinnTimestamp.parse(text) == Date(timeIntervalSince1970: secondsSince1970))
    }

    @Test(arguments: [
        "", "2023-02-16", "2023-02-16 18:02:12Z", "2023-13-01T00:00:00Z", "2023-00-01T00:00:00Z",
        "2023-02-29T00:00:00Z", "2023-04-31T00:00:00Z", "2023-02-16T24:00:00Z", "2023-02-16T18:60:00Z",
        "2023-02-16T18:02:60Z", "2023-02-16T18:02:12.Z", "2023-02-16T18:02:12Zjunk", "2023-02-16T18:02:12+25:00",
        "2023-02-16T18:02:12+02", "23-02-16T18:02:12Z", "\u{662}\u{660}\u{662}\u{663}-02-16T18:02:12Z",
        "0000-01-01T00:00:00Z", "0001-01-01T00:00:00+01:00", "2023-02-16T18:02Z", " 2023-02-16T18:02:12Z",
    ])
    func rejects(_ text: String) throws {
        let error = try #require(throws: AltinnAPIError.self) { try AltinnTimestamp(text) }
        #expect(error.code == .invalidTimestamp)
        #expect(error.detail.contains("expected yyyy-MM-ddTHH:mm:ss"))
    }

    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00.0000000Z"),
        (1_602_589_829.5, "2020-10-13T11:50:29.5000000Z"),
        (-1.25, "1969-12-31T23:59:58.7500000Z"),
        (951_782_400.0, "2000-02-29T00:00:00.0000000Z"),
        (1_676_570_532.125, "2023-02-16T18:02:12.1250000Z"),
    ])
    func formats(_ secondsSince1970: Double, _ expected: String) {
        #expect(AltinnTimestamp.format(Date(timeIntervalSince1970: secondsSince1970)) == expected)
    }

    @Test func formatsToTheNearestTickAndClampsToFourDigitYears() {
        #expect(AltinnTimestamp.format(Date(timeIntervalSince1970: 1.00000004)) == "1970-01-01T00:00:01.0000000Z")
        #expect(AltinnTimestamp.format(Date(timeIntervalSince1970: 1.99999996)) == "1970-01-01T00:00:02.0000000Z")
        #expect(AltinnTimestamp.format(.distantPast) == "0001-01-01T00:00:00.0000000Z")
        #expect(AltinnTimestamp.format(Date(timeIntervalSince1970: 1e12)) == "9999-12-31T23:59:59.9999999Z")
    }

    @Test func parseThenFormatRoundTripsWithinATick() throws {
        let date = try AltinnTimestamp.parse("2023-02-16T18:02:12.8660282Z")
        let formatted = AltinnTimestamp.format(date)
        let difference = try AltinnTimestamp.parse(formatted).timeIntervalSince(date)
        #expect(abs(difference) < 2e-7)
        #expect(formatted.hasPrefix("2023-02-16T18:02:12.866028"))
    }

    @Test func equalityIsTheInstantAndEncodingKeepsTheText() throws {
        let utc = try AltinnTimestamp("2022-07-07T11:00:53.3917Z")
        let offset = try AltinnTimestamp("2022-07-07T13:00:53.3917000+02:00")
        #expect(utc == offset)
        #expect(utc.hashValue == offset.hashValue)
        #expect(utc.text != offset.text)
        #expect(try AltinnTimestamp("2022-07-07T11:00:53.3916999Z") < utc)
        let encoded = try JSONEncoder().encode([offset])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["2022-07-07T13:00:53.3917000+02:00"]"#)
        #expect(try JSONDecoder().decode([AltinnTimestamp].self, from: encoded)[0].text == offset.text)
    }

    @Test func dateInitialiserUsesTheNormalisedText() {
        let timestamp = AltinnTimestamp(Date(timeIntervalSince1970: 1_602_589_829.5))
        #expect(timestamp.text == "2020-10-13T11:50:29.5000000Z")
        #expect(timestamp.date == Date(timeIntervalSince1970: 1_602_589_829.5))
    }
}
