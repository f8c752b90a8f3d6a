import CurlHTTP

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// A date-time as Altinn writes it: ISO 8601 from .NET, e.g. `2023-02-16T18:02:12.8660282Z`.
///
/// Parsing is lenient in what Altinn's services actually emit: any number of fraction digits (digits after
/// the seventh are dropped, .NET's precision is 100 ns), a `Z` or `±hh:mm` (or `±hhmm`) offset, or no zone
/// at all, which Storage's documents sometimes have and which means UTC. Years run from 0001 to 9999.
///
/// A timestamp keeps the text it was parsed from and encodes it unchanged, so documents round-trip. Two
/// timestamps are equal when they denote the same instant to the 100 ns tick, whatever their spelling.
/// `Date` cannot hold 100 ns ticks exactly for present-day dates; ``normalized`` can.
public struct AltinnTimestamp: Sendable, Hashable, Comparable, TextCoded, CustomStringConvertible {
    /// Ticks (100 ns) per second.
    static let ticksPerSecond: Int64 = 10_000_000

    /// The text as received (or as formatted, for a timestamp made from a `Date`).
    public let text: String
    /// Whole seconds since 1970-01-01T00:00:00Z.
    let epochSeconds: Int64
    /// 100 ns ticks within the second, 0..<10_000_000.
    let ticks: Int64

    /// Parses `text`; see the type's documentation for the accepted forms.
    public init(_ text: String) throws(AltinnAPIError) {
        guard let (seconds, ticks) = Self.instant(of: text) else {
            throw AltinnAPIError(
                .invalidTimestamp,
                "\(QuotedValue.quote(text)) is not a timestamp; expected yyyy-MM-ddTHH:mm:ss, optionally with "
                    + "fraction digits, and Z, ±hh:mm or no zone (UTC), e.g. 2023-02-16T18:02:12.8660282Z")
        }
        self.text = text
        self.epochSeconds = seconds
        self.ticks = ticks
    }

    /// The timestamp of `date`, rounded to the nearest 100 ns tick, with ``normalized`` as its text.
    public init(_ date: Date) {
        let (seconds, ticks) = Self.instant(of: date)
        self.epochSeconds = seconds
        self.ticks = ticks
        self.text = Self.format(epochSeconds: seconds, ticks: ticks)
    }

    /// The instant as a `Date` (to within a tick: `Date` is a `Double`).
    public var date: Date {
        let sinceReference = Double(epochSeconds - CivilCalendar.referenceDateOffset)
        return Date(timeIntervalSinceReferenceDate: sinceReference + Double(ticks) / Double(Self.ticksPerSecond))
    }

    /// The instant in UTC with exactly seven fraction digits, `yyyy-MM-ddTHH:mm:ss.fffffffZ`.
    public var normalized: String { Self.format(epochSeconds: epochSeconds, ticks: ticks) }

    /// The text as received.
    public var description: String { text }

    /// Parses `text` into a `Date`; see the type's documentation for the accepted forms.
    public static func parse(_ text: String) throws(AltinnAPIError) -> Date {
        try AltinnTimestamp(text).date
    }

    /// Formats `date` in UTC as `yyyy-MM-ddTHH:mm:ss.fffffffZ`, rounded to the nearest 100 ns and clamped
    /// to the years 0001...9999.
    public static func format(_ date: Date) -> String {
        AltinnTimestamp(date).normalized
    }

    /// Whether both denote the same instant to the tick, however they were written.
    public static func == (lhs: AltinnTimestamp, rhs: AltinnTimestamp) -> Bool {
        lhs.epochSeconds == rhs.epochSeconds && lhs.ticks == rhs.ticks
    }

    /// Hashes the instant, not the text.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(epochSeconds)
        hasher.combine(ticks)
    }

    /// Whether `lhs` is the earlier instant.
    public static func < (lhs: AltinnTimestamp, rhs: AltinnTimestamp) -> Bool {
        (lhs.epochSeconds, lhs.ticks) < (rhs.epochSeconds, rhs.ticks)
    }

}

extension AltinnTimestamp {
    /// The earliest and latest seconds since 1970 that have a four-digit year (0001-01-01 to 9999-12-31).
    static let representableSeconds: ClosedRange<Int64> = -62_135_596_800...253_402_300_799

    /// Seconds and ticks of `date`, rounded to the nearest tick and clamped to ``representableSeconds``.
    static func instant(of date: Date) -> (seconds: Int64, ticks: Int64) {
        let sinceReference = date.timeIntervalSinceReferenceDate
        let lower = Double(representableSeconds.lowerBound - CivilCalendar.referenceDateOffset)
        let upper = Double(representableSeconds.upperBound - CivilCalendar.referenceDateOffset)
        guard sinceReference.isFinite, sinceReference >= lower else { return (representableSeconds.lowerBound, 0) }
        guard sinceReference < upper + 1 else { return (representableSeconds.upperBound, ticksPerSecond - 1) }
        let whole = sinceReference.rounded(.down)
        var seconds = Int64(whole) + CivilCalendar.referenceDateOffset
        var ticks = Int64(((sinceReference - whole) * Double(ticksPerSecond)).rounded())
        if ticks == ticksPerSecond {
            seconds += 1
            ticks = 0
        }
        if seconds > representableSeconds.upperBound { return (representableSeconds.upperBound, ticksPerSecond - 1) }
        return (seconds, ticks)
    }

    /// `yyyy-MM-ddTHH:mm:ss.fffffffZ` for the given instant.
    static func format(epochSeconds: Int64, ticks: Int64) -> String {
        let days = epochSeconds >= 0 ? epochSeconds / 86_400 : (epochSeconds - 86_399) / 86_400
        let secondOfDay = epochSeconds - days * 86_400
        let (year, month, day) = CivilCalendar.date(days: days)
        func padded(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))T\(padded(secondOfDay / 3600, 2)):"
            + "\(padded(secondOfDay % 3600 / 60, 2)):\(padded(secondOfDay % 60, 2)).\(padded(ticks, 7))Z"
    }
}
