/// The command-line form of a fault rule: `ROUTE:KIND[:WHEN[:PARAM]]`.
///
/// - `ROUTE`: `token`, `exchange`, `events`, `instance`, `data`, `complete`, `query`, or `all`.
/// - `KIND`: `latency`, `500`, `502`, `503`, `504`, `429`, `reset`, `truncate`, `slow`, `expire`, and the
///   hostile bodies, each for its own route: `instance:no-data`, `instance:zero-size`, `query:bad-item`,
///   `query:bad-item-noid`, `events:malformed`, `events:bad-event`, `events:bloat`, `data:lying-length`.
/// - `WHEN`: a probability (`0.25`), `firstN` for the first N matching requests (`first2`), or `always`
///   (the default).
/// - `PARAM`: milliseconds for `latency` (default 500), `Retry-After` seconds for 5xx (default none) and
///   `429` (default 1), bytes per second for `slow` (default 1024), extra bytes per event for `bloat`
///   (default 1000000), bytes short for `lying-length` (default 100).
///
/// Examples: `events:503:first2`, `data:reset:0.1`, `all:latency:always:200`, `token:429:first1:3`,
/// `events:bloat:always:1000000`, `data:lying-length:first1:100`.
extension FaultRule {
    /// The syntax, for help texts.
    public static let specSyntax = "ROUTE:KIND[:WHEN[:PARAM]]"

    /// Parses `spec`; throws ``FaultSpecError`` saying what is wrong.
    public init(spec: String) throws(FaultSpecError) {
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard (2...4).contains(parts.count) else {
            throw FaultSpecError("fault \"\(spec)\" must look like \(Self.specSyntax), e.g. events:503:first2")
        }
        var route: FaultRoute?
        if parts[0] != "all" {
            guard let named = FaultRoute(rawValue: parts[0]) else {
                let names = FaultRoute.allCases.map(\.rawValue).joined(separator: ", ")
                throw FaultSpecError("fault route \"\(parts[0])\" is unknown; expected all, \(names)")
            }
            route = named
        }
        var probability: Double?
        var first: Int?
        if parts.count >= 3 {
            (probability, first) = try Self.parseWhen(parts[2])
        }
        let parameter: Int?
        if parts.count == 4 {
            guard let number = Int(parts[3]), number >= 0 else {
                throw FaultSpecError("fault parameter \"\(parts[3])\" must be a whole number of 0 or more")
            }
            parameter = number
        } else {
            parameter = nil
        }
        let kind = try Self.parseKind(parts[1], parameter: parameter)
        if let required = kind.requiredRoute, route != required {
            throw FaultSpecError(
                "fault kind \"\(parts[1])\" acts on the \(required.rawValue) route only; write "
                    + "\(required.rawValue):\(parts.dropFirst().joined(separator: ":"))")
        }
        self.init(route: route, kind: kind, probability: probability, firstRequests: first)
    }

    private static func parseWhen(_ text: String) throws(FaultSpecError) -> (Double?, Int?) {
        if text == "always" || text.isEmpty { return (nil, nil) }
        if text.hasPrefix("first") {
            guard let count = Int(text.dropFirst(5)), count >= 1 else {
                throw FaultSpecError("\"\(text)\" must be firstN with N of 1 or more, e.g. first2")
            }
            return (nil, count)
        }
        guard let probability = Double(text), (0...1).contains(probability) else {
            throw FaultSpecError("fault condition \"\(text)\" must be a probability 0...1, firstN or always")
        }
        return (probability, nil)
    }

    private static func parseKind(_ text: String, parameter: Int?) throws(FaultSpecError) -> FaultKind {
        switch text {
        case "latency": return .latency(milliseconds: parameter ?? 500)
        case "500", "502", "503", "504":
            return .serverError(status: Int(text) ?? 503, retryAfter: parameter)
        case "429": return .tooManyRequests(retryAfter: parameter ?? 1)
        case "reset": return .connectionReset
        case "truncate": return .truncatedBody
        case "slow": return .slowBody(bytesPerSecond: max(1, parameter ?? 1024))
        case "expire": return .tokenExpiry
        case "no-data": return .documentWithoutData
        case "zero-size": return .zeroSizes
        case "bad-item": return .badQueryItem(keepsID: true)
        case "bad-item-noid": return .badQueryItem(keepsID: false)
        case "malformed": return .malformedEventsPage
        case "bad-event": return .badEvent
        case "bloat": return .bloatedEvents(bytesPerEvent: parameter ?? 1_000_000)
        case "lying-length": return .lyingLength(shortBy: parameter ?? 100)
        default:
            throw FaultSpecError(
                "fault kind \"\(text)\" is unknown; expected latency, 500, 502, 503, 504, 429, reset, truncate, "
                    + "slow, expire, no-data, zero-size, bad-item, bad-item-noid, malformed, bad-event, bloat or "
                    + "lying-length")
        }
    }
}

/// A fault rule that does not parse; the message says what to write instead.
public struct FaultSpecError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
