#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// One HTTP request, as a value that can cross tasks.
///
/// Retries and redirects re-send the same value; nothing in it is consumed by sending.
public struct HTTPRequest: Sendable {
    /// The request method.
    public var method: HTTPMethod
    /// The absolute `https://` URL (or `http://` to a loopback host).
    public var url: URL
    /// The request header fields. `Authorization` is never forwarded to another origin on a redirect.
    public var headers: HTTPHeaders
    /// The request body, sent as is. `nil` sends no body.
    public var body: Data?
    /// The overall time limit of one attempt. `nil` means the client's default: its API deadline for
    /// ``HTTPClient/send(_:bodyLimit:logger:)``, and no overall limit for
    /// ``HTTPClient/download(_:to:durable:logger:)`` (large downloads are bounded by the stall timeout instead).
    public var deadline: Duration?
    /// Whether the request may be sent again after a failure. Defaults to the method's idempotency;
    /// set it for a `POST` the server treats as idempotent.
    public var isSafeToRetry: Bool
    /// Whether the caller does its own retrying (with a new request each time), so that the transport must
    /// not retry at all; retries at both levels would multiply.
    public var isRetriedByCaller = false

    /// Creates a request. `isSafeToRetry` defaults to whether `method` is idempotent.
    public init(
        method: HTTPMethod = .get,
        url: URL,
        headers: HTTPHeaders = [:],
        body: Data? = nil,
        deadline: Duration? = nil,
        isSafeToRetry: Bool? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.deadline = deadline
        self.isSafeToRetry = isSafeToRetry ?? method.isIdempotent
    }
}

extension HTTPRequest: CustomStringConvertible {
    /// The method and redacted URL, and the names (never the values) of the header fields: safe to log.
    public var description: String {
        let names = headers.map(\.name).joined(separator: ", ")
        return "\(method.rawValue) \(RedactedURL.string(url)) [\(names)]"
            + (body.map { " (\($0.count) byte body)" } ?? "")
    }
}
