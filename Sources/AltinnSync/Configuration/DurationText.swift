import CurlHTTP

/// Durations written for people: `500ms`, `90s`, `15m`, `24h`, `7d`, or combinations like `1h30m`.
public enum DurationText {
    /// The longest duration accepted, in seconds (about 31,700 years): far beyond any setting, and far
    /// within what `Duration` and ``format(_:)`` can hold, so absurd input is an error, not a crash.
    public static let maximumSeconds: Double = 1e12

    /// The duration `text` denotes, or nil. A number without a unit means seconds, but only on its own
    /// (`90`); after another part (`1h30`) it is ambiguous and rejected.
    public static func parse(_ text: String) -> Duration? {
        var total = Duration.zero
        var number = ""
        var unit = ""
        var parts = 0
        var sawBareNumber = false
        func flush() -> Bool {
            guard !number.isEmpty, let value = Double(number) else { return false }
            let seconds: Double
            switch unit {
            case "ms": seconds = value / 1000
            case "s", "": seconds = value
            case "m": seconds = value * 60
            case "h": seconds = value * 3600
            case "d": seconds = value * 86400
            default: return false
            }
            guard let part = duration(seconds: seconds) else { return false }
            total += part
            guard total <= .seconds(maximumSeconds) else { return false }
            sawBareNumber = sawBareNumber || unit.isEmpty
            number = ""
            unit = ""
            parts += 1
            return true
        }
        for character in text.trimming(.whitespaces) {
            if character.isASCII, character.isNumber || character == "." {
                if !unit.isEmpty { guard flush() else { return nil } }
                number.append(character)
            } else if character.isASCII, character.isLetter {
                guard !number.isEmpty else { return nil }
                unit.append(character)
            } else {
                return nil
            }
        }
        guard flush(), parts > 0, !(sawBareNumber && parts > 1) else { return nil }
        return total
    }

    /// `seconds` as a duration, or nil when it is not a finite number between 0 and ``maximumSeconds``.
    static func duration(seconds: Double) -> Duration? {
        guard seconds.isFinite, seconds >= 0, seconds <= maximumSeconds else { return nil }
        return .seconds(seconds)
    }

    /// A short human form, e.g. `90s`, `15m`, `24h`, `1h30m`, `1s500ms`; ``parse(_:)`` reads it back (to the
    /// millisecond).
    public static func format(_ duration: Duration) -> String {
        if duration < .zero { return "-" + format(.zero - duration) }
        var seconds = duration.components.seconds
        let milliseconds = duration.components.attoseconds / 1_000_000_000_000_000
        guard seconds > 0 || milliseconds > 0 else { return "0s" }
        var parts: [String] = []
        for (unit, size) in [("d", Int64(86400)), ("h", 3600), ("m", 60), ("s", 1)] where seconds >= size {
            parts.append("\(seconds / size)\(unit)")
            seconds %= size
        }
        if milliseconds > 0 { parts.append("\(milliseconds)ms") }
        return parts.joined()
    }
}
