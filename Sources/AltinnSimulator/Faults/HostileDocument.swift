import Foundation

/// The document faults: a 200 answer's JSON rewritten so that a careful client must refuse it, everything
/// else as the endpoint wrote it (members re-encoded in sorted order).
enum HostileDocument {
    /// `response` with its body made hostile as `kind` asks; unchanged when the body is not the JSON the
    /// kind expects (an instance document, a query page, an events page).
    static func rewrite(_ response: SimResponse, as kind: FaultKind) -> SimResponse {
        guard case .bytes(let bytes) = response.body,
            let json = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        else { return response }
        var result = response
        switch (kind, json) {
        case (.documentWithoutData, .object(var document)):
            document["data"] = nil
            document["dataElements"] = nil
            result.body = encoded(.object(document))
        case (.zeroSizes, .object(var document)):
            for key in ["data", "dataElements"] {
                guard case .array(let elements) = document[key] else { continue }
                document[key] = .array(elements.map { setting("size", to: .integer(0), in: $0) })
            }
            result.body = encoded(.object(document))
        case (.badQueryItem(let keepsID), .object(var page)):
            guard case .array(var instances) = page["instances"], let first = instances.first else { return response }
            var item = setting("instanceOwner", to: .integer(42), in: first)
            if !keepsID { item = setting("id", to: .integer(12345), in: item) }
            instances[0] = item
            page["instances"] = .array(instances)
            result.body = encoded(.object(page))
        case (.badEvent, .array(var events)):
            guard case .object(var first) = events.first else { return response }
            first["type"] = nil
            events[0] = .object(first)
            result.body = encoded(.array(events))
        case (.malformedEventsPage, .array(let events)):
            result.body = .bytes(EventsPageBody.cut(events.map(encodedBytes)))
        case (.bloatedEvents(let extra), .array(let events)):
            let page = EventsPageBody(events: events.map(encodedBytes), extraBytesPerEvent: extra)
            result.body = .stream(size: page.size, chunks: { page.chunks() })
        default:
            return response
        }
        return result
    }

    /// `value` with member `key` set to `member`, when it is an object.
    private static func setting(_ key: String, to member: JSONValue, in value: JSONValue) -> JSONValue {
        guard case .object(var object) = value else { return value }
        object[key] = member
        return .object(object)
    }

    private static func encoded(_ value: JSONValue) -> SimResponse.Body {
        .bytes(encodedBytes(value))
    }

    /// Compact JSON, members sorted, `/` unescaped.
    static func encodedBytes(_ value: JSONValue) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map(Array.init) ?? Array("null".utf8)
    }
}
