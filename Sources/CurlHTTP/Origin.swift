#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// The scheme, host and port of a URL: the unit of trust for credentials (RFC 6454).
public struct Origin: Hashable, Sendable, CustomStringConvertible {
    /// The lowercased scheme.
    public var scheme: String
    /// The lowercased host, without IPv6 brackets.
    public var host: String
    /// The explicit port, or the scheme's default.
    public var port: Int

    /// The origin of `url`, or nil when it has no scheme or host.
    public init?(_ url: URL) {
        guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(), !host.isEmpty else {
            return nil
        }
        self.scheme = scheme
        self.host = host.trimming(ScalarSet(charactersIn: "[]"))
        self.port = url.port ?? (scheme == "https" ? 443 : 80)
    }

    public var description: String { "\(scheme)://\(host):\(port)" }

    /// Whether the host is a loopback address or `localhost`, where plain HTTP cannot be intercepted.
    public var isLoopback: Bool {
        if host == "localhost" || host.hasSuffix(".localhost") || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}

/// The transport's rule for which URLs it will send to.
public enum URLPolicy {
    /// Checks that `url` is `https://`, or `http://` to a loopback host; throws ``HTTPError/Code/insecureURL``
    /// otherwise.
    public static func check(_ url: URL) throws(HTTPError) {
        guard let origin = Origin(url) else {
            throw HTTPError(code: .insecureURL, url: url, detail: "the URL needs a scheme and a host")
        }
        switch origin.scheme {
        case "https": return
        case "http" where origin.isLoopback: return
        case "http":
            throw HTTPError(
                code: .insecureURL, url: url,
                detail: "plain http:// is allowed only to loopback hosts; use https://")
        default:
            throw HTTPError(code: .insecureURL, url: url, detail: "unsupported scheme '\(origin.scheme)'")
        }
    }
}
