#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// Which Altinn the tool talks to: the bases of Maskinporten, the platform and the apps.
public enum AltinnEnvironment: Sendable, Hashable {
    /// The service owners' test environment: Maskinporten `https://test.maskinporten.no/`, platform
    /// `https://platform.tt02.altinn.no`, apps `https://{org}.apps.tt02.altinn.no`.
    case tt02
    /// Production: Maskinporten `https://maskinporten.no/`, platform `https://platform.altinn.no`, apps
    /// `https://{org}.apps.altinn.no`.
    case production
    /// Any other deployment (the simulator, Altinn's AT environments). `maskinporten` is the issuer URL with
    /// a trailing slash; `apps` is the apps base, where `{org}` stands for the org code.
    case custom(maskinporten: URL, platform: URL, apps: String)

    /// The Maskinporten issuer, the grant's `aud`; the token endpoint is this + `token`.
    public var maskinportenIssuer: URL {
        switch self {
        case .tt02: Self.builtIn("https://test.maskinporten.no/")
        case .production: Self.builtIn("https://maskinporten.no/")
        case .custom(let maskinporten, _, _): maskinporten
        }
    }

    /// The platform base (Events, Storage, Authentication).
    public var platform: URL {
        switch self {
        case .tt02: Self.builtIn("https://platform.tt02.altinn.no")
        case .production: Self.builtIn("https://platform.altinn.no")
        case .custom(_, let platform, _): platform
        }
    }

    /// The apps base, where `{org}` stands for the org code.
    public var appsTemplate: String {
        switch self {
        case .tt02: "https://{org}.apps.tt02.altinn.no"
        case .production: "https://{org}.apps.altinn.no"
        case .custom(_, _, let apps): apps
        }
    }

    /// The placeholder for the org code in ``appsTemplate``.
    public static let orgPlaceholder = "{org}"

    private static func builtIn(_ text: String) -> URL {
        guard let url = URL(string: text) else { preconditionFailure("built-in URL \(text) does not parse") }
        return url
    }
}
