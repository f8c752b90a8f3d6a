import CurlHTTP

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Checks for the base URLs that endpoints are built on.
enum EndpointBase {
    /// `url` if it can be a base: `https://` (or `http://` to a loopback host), a host, and no user info,
    /// query or fragment, nor `.`/`..` path segments. Throws ``AltinnAPIError/Code/invalidEndpoint`` naming
    /// `role` otherwise.
    static func check(_ url: URL, role: String) throws(AltinnAPIError) -> URL {
        let text = QuotedValue.quote(url.absoluteString)
        guard let origin = Origin(url), let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        else {
            throw AltinnAPIError(.invalidEndpoint, "\(role) \(text) needs a scheme and a host")
        }
        guard origin.scheme == "https" || (origin.scheme == "http" && origin.isLoopback) else {
            throw AltinnAPIError(
                .invalidEndpoint, "\(role) \(text) must use https:// (plain http:// only to a loopback host)")
        }
        guard components.user == nil, components.password == nil, components.query == nil,
            components.fragment == nil
        else {
            throw AltinnAPIError(
                .invalidEndpoint, "\(role) \(text) must not carry user info, a query or a fragment")
        }
        let segments = components.percentEncodedPath.split(separator: "/")
        guard !segments.contains(where: { $0 == "." || $0 == ".." || $0.contains("%") }) else {
            throw AltinnAPIError(
                .invalidEndpoint, "\(role) \(text) must not contain '.', '..' or percent-encoded path segments")
        }
        return url
    }

    /// The apps base for `org`: `template` with ``AltinnEnvironment/orgPlaceholder`` replaced, checked as a
    /// base.
    static func apps(template: String, org: Org) throws(AltinnAPIError) -> URL {
        let text = template.replacing(AltinnEnvironment.orgPlaceholder, with: org.description)
        guard !text.contains("{"), !text.contains("}"),
            let url = URL(string: text, encodingInvalidCharacters: false)
        else {
            throw AltinnAPIError(
                .invalidEndpoint,
                "apps base \(QuotedValue.quote(template)) is not a URL; expected e.g. https://{org}.apps.tt02.altinn.no"
            )
        }
        return try check(url, role: "apps base")
    }
}
