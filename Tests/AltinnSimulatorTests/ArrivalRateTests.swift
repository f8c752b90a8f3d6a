import Foundation
import Testing

@testable import AltinnSimulator

@Suite("Arrival rates and their schedule")
struct ArrivalRateTests {
    static let rates: [(String, Double, String)] = [
        ("10/min", 10.0 / 60, "10/min"), ("0.5/s", 0.5, "0.5/s"), ("2/hours", 2.0 / 3600, "2/h"),
        ("100/day", 100.0 / 86_400, "100/day"), ("3/sec", 3, "3/s"), ("1/d", 1.0 / 86_400, "1/day"),
        ("12/Minutes", 0.2, "12/min"), ("100/s", 100, "100/s"),
    ]

    @Test("rates parse as N per second, minute, hour or day", arguments: rates)
    func parses(spec: String, perSecond: Double, description: String) throws {
        let rate = try ArrivalRate(spec: spec)
        #expect(abs(rate.perSecond - perSecond) < 1e-12)
        #expect(rate.description == description)
    }

    @Test(
        "bad rates say what to write instead",
        arguments: [
            ("10/fortnight", "N/s, N/min, N/h or N/day"), ("0/min", "above 0"), ("-1/s", "above 0"),
            ("abc/min", "not a number"), ("10", "not a rate"), ("1000/s", "too fast"), ("nan/s", "above 0"),
            ("10/min/s", "not a rate"),
        ])
    func refuses(spec: String, message: String) {
        #expect {
            try ArrivalRate(spec: spec)
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    static let start = Ticks(Date(timeIntervalSince1970: 1_700_000_000))

    @Test("one arrival per interval, counted from the start")
    func steady() throws {
        var schedule = ArrivalSchedule(rate: try ArrivalRate(spec: "10/min"), start: Self.start)
        #expect(schedule.due(at: Self.start.adding(seconds: 5.9)) == (0, 0))
        #expect(schedule.due(at: Self.start.adding(seconds: 6)) == (1, 0))
        #expect(schedule.due(at: Self.start.adding(seconds: 6.5)) == (0, 0))
        #expect(schedule.due(at: Self.start.adding(seconds: 60)) == (9, 0))
        #expect(schedule.due(at: Self.start.adding(seconds: 600)) == (90, 0))
    }

    @Test("a clock far ahead makes at most maxBacklog arrivals at once; a clock set back starts again from there")
    func jumps() throws {
        var schedule = ArrivalSchedule(rate: try ArrivalRate(spec: "10/min"), start: Self.start)
        let dayLater = Self.start.adding(seconds: 86_400)
        #expect(schedule.due(at: dayLater) == (ArrivalSchedule.maxBacklog, 14_400 - ArrivalSchedule.maxBacklog))
        #expect(schedule.due(at: dayLater.adding(seconds: 5)) == (0, 0))
        let back = Self.start.adding(seconds: 3600)
        #expect(schedule.due(at: back) == (0, 0), "nothing due an interval after a clock set back")
        #expect(schedule.due(at: back.adding(seconds: 6)) == (1, 0))
    }
}
