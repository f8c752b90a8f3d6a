#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// Which proxy, if any, carries a request.
///
/// Built from the standard environment variables (`HTTPS_PROXY`/`https_proxy`, `http_proxy`, `ALL_PROXY`,
/// `NO_PROXY`) with configured values taking precedence. Uppercase `HTTP_PROXY` is ignored, as libcurl
/// does, because CGI-style environments let a request header set it. Loopback hosts always go direct.
public struct ProxySettings: Sendable, Equatable {
    /// The proxy for `https://` URLs, or nil for none.
    public var httpsProxy: String?
    /// The proxy for `http://` URLs, or nil for none.
    public var httpProxy: String?
    /// A comma-separated list of hosts or domains that bypass the proxy (libcurl's `NOPROXY` syntax).
    public var noProxy: String?

    /// Creates settings; all nil means direct connections.
    public init(httpsProxy: String? = nil, httpProxy: String? = nil, noProxy: String? = nil) {
        self.httpsProxy = httpsProxy
        self.httpProxy = httpProxy
        self.noProxy = noProxy
    }

    /// Direct connections for everything.
    public static let direct = ProxySettings()

    /// The settings that the environment `environment` asks for, overridden by `configuredProxy` (used for
    /// every scheme) and `configuredNoProxy` when given.
    public static func resolve(
        environment: [String: String], configuredProxy: String? = nil, configuredNoProxy: String? = nil
    ) -> ProxySettings {
        func variable(_ names: String...) -> String? {
            names.lazy.compactMap { environment[$0] }.first { !$0.trimming(.whitespaces).isEmpty }
        }
        let all = variable("ALL_PROXY", "all_proxy")
        var settings = ProxySettings(
            httpsProxy: variable("HTTPS_PROXY", "https_proxy") ?? all,
            httpProxy: variable("http_proxy") ?? all,
            noProxy: variable("NO_PROXY", "no_proxy"))
        if let configuredProxy, !configuredProxy.isEmpty {
            settings.httpsProxy = configuredProxy
            settings.httpProxy = configuredProxy
        }
        if let configuredNoProxy { settings.noProxy = configuredNoProxy }
        return settings
    }

    /// The proxy URL for a request to `url`; the empty string means a direct connection.
    public func proxy(for url: URL) -> String {
        guard let origin = Origin(url), !origin.isLoopback else { return "" }
        return (origin.scheme == "https" ? httpsProxy : httpProxy) ?? ""
    }
}
