internal import AltinnAPI
internal import CurlHTTP
import Foundation

/// A point in simulated time as .NET ticks: 100 ns units since 0001-01-01T00:00:00Z.
///
/// Storage's continuation token carries `lastChanged` in this unit, and 100 ns is the precision of every
/// timestamp Altinn writes, so the simulator keeps all its times as ticks and formats them exactly.
struct Ticks: Sendable, Hashable, Comparable, Codable {
    /// Ticks per second.
    static let perSecond: Int64 = 10_000_000
    /// Seconds from 0001-01-01 to 1970-01-01.
    static let unixEpochSeconds: Int64 = 62_135_596_800

    /// The tick count.
    let value: Int64

    init(_ value: Int64) {
        self.value = value
    }

    /// The ticks of `date`, rounded to the nearest tick.
    init(_ date: Date) {
        let seconds = date.timeIntervalSince1970
        let whole = seconds.rounded(.down)
        let fraction = Int64(((seconds - whole) * Double(Self.perSecond)).rounded())
        value = (Int64(whole) + Self.unixEpochSeconds) * Self.perSecond + fraction
    }

    /// The instant as a `Date` (to within `Double` precision).
    var date: Date {
        let unixTicks = value - Self.unixEpochSeconds * Self.perSecond
        return Date(timeIntervalSince1970: Double(unixTicks) / Double(Self.perSecond))
    }

    /// Whole seconds since 1970.
    var unixSeconds: Int64 {
        let unixTicks = value - Self.unixEpochSeconds * Self.perSecond
        return unixTicks >= 0 ? unixTicks / Self.perSecond : (unixTicks - Self.perSecond + 1) / Self.perSecond
    }

    /// `yyyy-MM-ddTHH:mm:ss.fffffffZ`: every one of the seven fraction digits, the form query parameters and
    /// continuation points are compared in.
    var text: String { formatted(fractionDigits: 7) }

    /// As Newtonsoft writes a UTC `DateTime` (`yyyy-MM-ddTHH:mm:ss.FFFFFFFZ`), which is Storage's form (and
    /// System.Text.Json's, the apps' form): trailing zeros of the fraction trimmed, no fraction at all when
    /// it is zero, e.g. `2020-04-29T13:53:06.117891Z`.
    var newtonsoftText: String {
        var digits = 7
        var fraction = self.fraction
        while digits > 0, fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        return formatted(fractionDigits: digits)
    }

    /// As the CloudEvents SDK writes a CloudEvent `time` (Events' form): no fraction for whole seconds, else
    /// 3 digits for whole milliseconds, 6 for whole microseconds, otherwise all 7.
    var cloudEventText: String {
        let digits =
            switch fraction {
            case 0: 0
            case let ticks where ticks % 10_000 == 0: 3
            case let ticks where ticks % 10 == 0: 6
            default: 7
            }
        return formatted(fractionDigits: digits)
    }

    /// The ticks within the second, 0..<10_000_000.
    private var fraction: Int64 { value - (unixSeconds + Self.unixEpochSeconds) * Self.perSecond }

    /// The UTC date and time with the first `fractionDigits` (0...7) digits of the fraction.
    private func formatted(fractionDigits: Int) -> String {
        let seconds = unixSeconds
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = CivilCalendar.date(days: days)
        func padded(_ number: Int64, _ width: Int) -> String {
            let digits = String(number)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let whole =
            "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))T\(padded(secondOfDay / 3600, 2)):"
            + "\(padded(secondOfDay % 3600 / 60, 2)):\(padded(secondOfDay % 60, 2))"
        guard fractionDigits > 0 else { return whole + "Z" }
        return whole + "." + padded(fraction, 7).prefix(fractionDigits) + "Z"
    }

    /// This instant as Storage (and an app) writes it in a document: ``newtonsoftText``.
    var timestamp: AltinnTimestamp { Self.parsed(newtonsoftText) }

    /// This instant as Events writes a CloudEvent's `time`: ``cloudEventText``.
    var eventTimestamp: AltinnTimestamp { Self.parsed(cloudEventText) }

    private static func parsed(_ text: String) -> AltinnTimestamp {
        do {
            return try AltinnTimestamp(text)
        } catch {
            preconditionFailure("formatted timestamp \(text) does not parse: \(error)")
        }
    }

    /// `self` moved by `seconds`.
    func adding(seconds: Double) -> Ticks {
        Ticks(value + Int64((seconds * Double(Self.perSecond)).rounded()))
    }

    static func < (lhs: Ticks, rhs: Ticks) -> Bool { lhs.value < rhs.value }
}
