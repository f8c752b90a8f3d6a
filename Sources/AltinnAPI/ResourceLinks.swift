/// The self links of an instance or data element (`selfLinks`): where the app API and Storage serve it.
///
/// Kept as text and never followed: URLs are built by ``AltinnEndpoints`` from configured bases.
public struct ResourceLinks: Codable, Sendable, Hashable {
    /// The app API URL (set by apps, null or absent from Storage).
    public var apps: String?
    /// The Storage URL (set by Storage, null from apps).
    public var platform: String?

    /// Creates links.
    public init(apps: String? = nil, platform: String? = nil) {
        self.apps = apps
        self.platform = platform
    }

    enum CodingKeys: String, CodingKey {
        case apps, platform
    }

    /// Encodes the links; nulls are written only in the app shape.
    public func encode(to encoder: any Encoder) throws {
        let shape = AltinnJSONShape(encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(apps, forKey: .apps, shape: shape)
        try container.encode(platform, forKey: .platform, shape: shape)
    }
}
