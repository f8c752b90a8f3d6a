/// One page of Storage's instance query (`GET /storage/api/v1/instances`).
///
/// There is no `totalHits`, whatever the docs say. `next` is present only when the page is full; follow it
/// verbatim after ``AltinnEndpoints/validatedQueryNext(_:)``.
public struct QueryResponse: Codable, Sendable, Hashable {
    /// The number of instances on this page.
    public var count: Int
    /// The URL of this page (`self`).
    public var selfLink: String?
    /// The URL of the next page, when this page is full.
    public var next: String?
    /// The instances.
    public var instances: [Instance]

    /// Creates a page.
    public init(count: Int, selfLink: String? = nil, next: String? = nil, instances: [Instance]) {
        self.count = count
        self.selfLink = selfLink
        self.next = next
        self.instances = instances
    }

    enum CodingKeys: String, CodingKey {
        case count
        case selfLink = "self"
        case next, instances
    }

    /// Decodes a page. `count` and `instances` are required (Storage always sends both): a page without its
    /// instances must not pass as an empty one, which would end a reconciliation sweep early.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        instances = try container.decode([Instance].self, forKey: .instances)
        count = try container.decode(Int.self, forKey: .count)
        selfLink = try container.decodeIfPresent(String.self, forKey: .selfLink)
        next = try container.decodeIfPresent(String.self, forKey: .next)
    }

    /// Encodes the page as Storage does (`next` omitted when absent).
    public func encode(to encoder: any Encoder) throws {
        let shape = AltinnJSONShape(encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(count, forKey: .count)
        try container.encode(selfLink, forKey: .selfLink, shape: shape)
        try container.encode(next, forKey: .next, shape: shape)
        try container.encode(instances, forKey: .instances)
    }
}
