/// Durations written for people: `500ms`, `90s`, `15m`, `24h`, `7d`, or combinations like `1h30m`.
public enum DurationText {
    /// The duration `text` denotes, or nil.
    public static func parse(_ text: String) -> Duration? {
        var total = Duration.zero
        var number = ""
        var unit = ""
        var sawPart = false
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
            total += .seconds(seconds)
            number = ""
            unit = ""
            sawPart = true
            return true
        }
        for character in text.trimmingCharacters(in: .whitespaces) {
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
        guard flush(), sawPart else { return nil }
        return total
    }

    /// A short human form, e.g. `90s`, `15m`, `24h`, `1h30m`.
    public static func format(_ duration: Duration) -> String {
        let milliseconds = Int(
            (duration.components.seconds * 1000) + duration.components.attoseconds / 1_000_000_000_000_000)
        if milliseconds < 1000 && milliseconds > 0 { return "\(milliseconds)ms" }
        var seconds = milliseconds / 1000
        guard seconds > 0 else { return "0s" }
        var parts: [String] = []
        for (unit, size) in [("d", 86400), ("h", 3600), ("m", 60), ("s", 1)] where seconds >= size {
            parts.append("\(seconds / size)\(unit)")
            seconds %= size
        }
        return parts.joined()
    }
}
