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

    /// `yyyy-MM-ddTHH:mm:ss.fffffffZ`, as Altinn writes UTC times.
    var text: String {
        let seconds = unixSeconds
        let fraction = value - (seconds + Self.unixEpochSeconds) * Self.perSecond
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = CivilCalendar.date(days: days)
        func padded(_ number: Int64, _ width: Int) -> String {
            let digits = String(number)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))T\(padded(secondOfDay / 3600, 2)):"
            + "\(padded(secondOfDay % 3600 / 60, 2)):\(padded(secondOfDay % 60, 2)).\(padded(fraction, 7))Z"
    }

    /// The Altinn timestamp of this instant.
    var timestamp: AltinnTimestamp {
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
