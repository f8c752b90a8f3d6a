/// One item of a page (an event of the feed, an instance of the query), decoded on its own, so that one bad
/// item holds up nothing else on the page.
public enum PageItem<Value: Sendable>: Sendable {
    /// The item decoded.
    case valid(Value)
    /// The item did not decode; its `id`, when it has a readable one, and why.
    case invalid(id: String?, reason: String)

    /// The value, when the item decoded.
    public var value: Value? {
        if case .valid(let value) = self { value } else { nil }
    }
}

extension PageItem: Equatable where Value: Equatable {}

/// Decodes one array element as a ``PageItem``: the element's own decoding errors become the item's reason
/// instead of failing the whole page.
struct LenientItem<Value: Decodable & Sendable>: Decodable {
    let item: PageItem<Value>

    private enum IDKey: String, CodingKey {
        case id
    }

    init(from decoder: any Decoder) throws {
        do {
            item = .valid(try Value(from: decoder))
        } catch let error as DecodingError {
            let id = try? decoder.container(keyedBy: IDKey.self).decode(String.self, forKey: .id)
            item = .invalid(id: id, reason: AltinnJSON.describe(error))
        }
    }
}
