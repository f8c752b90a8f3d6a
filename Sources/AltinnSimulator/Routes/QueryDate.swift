internal import CurlHTTP
import Foundation

/// A date-time query value as ASP.NET binds it: ISO 8601, the time optional, a zone optional (and the
/// Events API insists on one).
struct QueryDate: Sendable, Equatable {
    /// The instant (a value without zone is read as UTC).
    let ticks: Ticks
    /// Whether the text named a zone (`Z` or an offset).
    let hasZone: Bool

    /// Parses `yyyy-MM-dd[Thh:mm[:ss[.fffffff]]][Z|±hh:mm|±hhmm]`; nil when `text` is not such a value.
    init?(_ text: String) {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        guard let year = Self.number(&rest, digits: 4), Self.skip("-", &rest),
            let month = Self.number(&rest, digits: 2),
            Self.skip("-", &rest), let day = Self.number(&rest, digits: 2), (1...12).contains(month),
            (1...31).contains(day)
        else { return nil }
        var seconds: Int64 = 0
        var fraction: Int64 = 0
        if Self.skip("T", &rest) || Self.skip("t", &rest) || Self.skip(" ", &rest) {
            guard let hour = Self.number(&rest, digits: 2), Self.skip(":", &rest),
                let minute = Self.number(&rest, digits: 2), hour < 24, minute < 60
            else { return nil }
            seconds = hour * 3600 + minute * 60
            if Self.skip(":", &rest) {
                guard let second = Self.number(&rest, digits: 2), second < 60 else { return nil }
                seconds += second
                if Self.skip(".", &rest) {
                    let digits = rest.prefix { $0.isASCII && $0.isNumber }
                    guard !digits.isEmpty else { return nil }
                    rest = rest.dropFirst(digits.count)
                    let seven = String((digits + "0000000").prefix(7))
                    fraction = Int64(seven) ?? 0
                }
            }
        }
        var offset: Int64 = 0
        if rest.isEmpty {
            hasZone = false
        } else if rest == "Z" || rest == "z" {
            hasZone = true
        } else {
            guard let sign = rest.first, sign == "+" || sign == "-" else { return nil }
            rest = rest.dropFirst()
            guard let hours = Self.number(&rest, digits: 2) else { return nil }
            _ = Self.skip(":", &rest)
            guard let minutes = Self.number(&rest, digits: 2), rest.isEmpty, hours < 24, minutes < 60 else {
                return nil
            }
            offset = (hours * 3600 + minutes * 60) * (sign == "-" ? -1 : 1)
            hasZone = true
        }
        let days = CivilCalendar.days(year: year, month: month, day: day)
        let unix = days * 86_400 + seconds - offset
        ticks = Ticks((unix + Ticks.unixEpochSeconds) * Ticks.perSecond + fraction)
    }

    private static func number(_ text: inout Substring, digits: Int) -> Int64? {
        let prefix = text.prefix(digits)
        guard prefix.count == digits, prefix.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        text = text.dropFirst(digits)
        return Int64(prefix)
    }

    private static func skip(_ character: Character, _ text: inout Substring) -> Bool {
        guard text.first == character else { return false }
        text = text.dropFirst()
        return true
    }
}
