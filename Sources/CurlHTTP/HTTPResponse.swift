#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// A response whose body was read into memory under a size bound.
public struct HTTPResponse: Sendable {
    /// The final status code (after redirects), always 2xx: other codes are thrown as ``HTTPError``.
    public var status: Int
    /// The response header fields of the final response.
    public var headers: HTTPHeaders
    /// The body bytes.
    public var body: Data
    /// The URL that produced this response (the last hop of any redirect).
    public var url: URL

    /// Creates a response.
    public init(status: Int, headers: HTTPHeaders, body: Data, url: URL) {
        self.status = status
        self.headers = headers
        self.body = body
        self.url = url
    }
}

extension HTTPResponse: CustomStringConvertible {
    /// The status, redacted URL and body size (a body may hold a token): safe to log.
    public var description: String { "HTTP \(status) from \(RedactedURL.string(url)) (\(body.count) byte body)" }
}
