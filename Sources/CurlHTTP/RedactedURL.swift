#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// Renders URLs for logs and errors without the parts that may carry secrets.
public enum RedactedURL {
    /// Query parameter names whose values are replaced by `***`.
    static let secretParameterNames: Set<String> = [
        "access_token", "token", "code", "assertion", "client_secret", "password", "secret", "sig", "signature",
        "key", "apikey", "api_key", "subscription-key",
    ]

    /// The URL without user info, and with secret-looking query values masked.
    public static func string(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else {
            return "<unparseable URL>"
        }
        components.user = nil
        components.password = nil
        components.fragment = nil
        if let items = components.percentEncodedQueryItems {
            components.percentEncodedQueryItems = items.map { item in
                secretParameterNames.contains(item.name.lowercased())
                    ? URLQueryItem(name: item.name, value: "***") : item
            }
        }
        return components.string ?? "<unparseable URL>"
    }
}
