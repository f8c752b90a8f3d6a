import Foundation

/// How fast new submissions arrive on their own (`--arrivals 10/min`): a count per second, minute, hour or
/// day of simulated time.
public struct ArrivalRate: Sendable, Hashable, CustomStringConvertible {
    /// The time unit of a rate.
    public enum Unit: String, Sendable, Hashable, CaseIterable {
        /// Per second, `N/s`.
        case second = "s"
        /// Per minute, `N/min`.
        case minute = "min"
        /// Per hour, `N/h`.
        case hour = "h"
        /// Per day, `N/day`.
        case day = "day"

        /// The unit's length in seconds.
        public var seconds: Double {
            switch self {
            case .second: 1
            case .minute: 60
            case .hour: 3600
            case .day: 86_400
            }
        }

        /// The spellings accepted after the slash.
        var spellings: [String] {
            switch self {
            case .second: ["s", "sec", "second"]
            case .minute: ["min", "minute"]
            case .hour: ["h", "hour"]
            case .day: ["d", "day"]
            }
        }
    }

    /// Submissions per ``unit``.
    public let count: Double
    /// The time unit.
    public let unit: Unit

    /// The fastest rate: 100 a second.
    public static let maxPerSecond = 100.0

    /// Submissions per simulated second.
    public var perSecond: Double { count / unit.seconds }

    /// `10/min`.
    public var description: String {
        let number = count.rounded() == count ? String(Int(count)) : String(count)
        return "\(number)/\(unit.rawValue)"
    }

    /// A rate of `count` per `unit`; throws unless it is more than 0 and at most ``maxPerSecond``.
    public init(count: Double, per unit: Unit) throws(ArrivalRateError) {
        guard count.isFinite, count > 0 else {
            throw ArrivalRateError("the count must be a number above 0, e.g. 10/min")
        }
        guard count / unit.seconds <= Self.maxPerSecond else {
            throw ArrivalRateError("more than \(Int(Self.maxPerSecond))/s is too fast; e.g. 10/min or 5/s")
        }
        self.count = count
        self.unit = unit
    }

    /// Parses `N/UNIT`: N a positive number, UNIT `s`, `min`, `h` or `day` (also `sec`, `second`,
    /// `minute`, `hour`, `d`, and plurals); throws saying what to write instead.
    public init(spec: String) throws(ArrivalRateError) {
        let parts = spec.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw ArrivalRateError("\"\(spec)\" is not a rate; write N/s, N/min, N/h or N/day, e.g. 10/min")
        }
        guard let count = Double(parts[0].trimmingCharacters(in: .whitespaces)) else {
            throw ArrivalRateError("\"\(parts[0])\" is not a number; write N/s, N/min, N/h or N/day, e.g. 10/min")
        }
        var name = parts[1].trimmingCharacters(in: .whitespaces).lowercased()
        if name.count > 2, name.hasSuffix("s") { name.removeLast() }
        guard let unit = Unit.allCases.first(where: { $0.spellings.contains(name) }) else {
            throw ArrivalRateError(
                "\"\(parts[1])\" is not a unit of time here; write N/s, N/min, N/h or N/day, e.g. 10/min")
        }
        try self.init(count: count, per: unit)
    }
}

/// An arrival rate that does not parse or is out of range; the message says what to write instead.
public struct ArrivalRateError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, and what to write.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
