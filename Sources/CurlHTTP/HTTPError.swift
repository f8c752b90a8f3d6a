#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// A failed HTTP exchange: what went wrong, where, and what the server said.
///
/// The description is safe to log: the URL has its credentials and secret-looking query values removed,
/// and neither request headers nor bodies are included.
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure. Extensible: compare with the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        enum Base: String, Hashable, Sendable {
            case connectFailed = "connect failed"
            case connectTimeout = "connect timeout"
            case stalled = "transfer stalled"
            case deadlineExceeded = "deadline exceeded"
            case connectionLost = "connection lost"
            case brokenReusedConnection = "reused connection broken"
            case tls = "TLS failure"
            case proxyRefused = "proxy refused"
            case status = "HTTP error status"
            case bodyTooLarge = "response body too large"
            case tooManyRedirects = "too many redirects"
            case insecureURL = "insecure URL"
            case badRedirect = "bad redirect"
            case fileSystem = "file system error"
            case transport = "transport error"
        }

        let base: Base

        /// The host could not be resolved or the connection was refused.
        public static let connectFailed = Code(base: .connectFailed)
        /// No connection within the connect timeout.
        public static let connectTimeout = Code(base: .connectTimeout)
        /// The body stopped flowing for longer than the stall timeout.
        public static let stalled = Code(base: .stalled)
        /// The request's overall deadline passed.
        public static let deadlineExceeded = Code(base: .deadlineExceeded)
        /// The connection broke before the whole response arrived (reset, truncated body).
        public static let connectionLost = Code(base: .connectionLost)
        /// A kept-alive connection answered with something that is not HTTP (bytes an earlier response left
        /// behind); the request is sent again at once on a fresh connection when it is safe to retry.
        public static let brokenReusedConnection = Code(base: .brokenReusedConnection)
        /// The TLS handshake or certificate verification failed.
        public static let tls = Code(base: .tls)
        /// The proxy refused to open a tunnel (CONNECT answered with an error status).
        public static let proxyRefused = Code(base: .proxyRefused)
        /// The server answered with a status other than 2xx; see ``HTTPError/status``.
        public static let status = Code(base: .status)
        /// An in-memory body went over its bound.
        public static let bodyTooLarge = Code(base: .bodyTooLarge)
        /// More redirects than allowed.
        public static let tooManyRedirects = Code(base: .tooManyRedirects)
        /// The URL is not `https://`, and not `http://` to a loopback host.
        public static let insecureURL = Code(base: .insecureURL)
        /// A redirect without a usable `Location`.
        public static let badRedirect = Code(base: .badRedirect)
        /// Writing the body to its file failed.
        public static let fileSystem = Code(base: .fileSystem)
        /// Any other failure that libcurl reported.
        public static let transport = Code(base: .transport)

        /// A short, stable text, usable as a metrics label.
        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public var code: Code
    /// The request URL, redacted (see ``RedactedURL``).
    public var url: String
    /// The HTTP status, when the origin server answered (a proxy's refusal is not one).
    public var status: Int?
    /// The header fields of the error response, when the server answered.
    public var headers: HTTPHeaders
    /// The start of the error response body (at most 64 KiB), when the server answered.
    public var body: Data
    /// The underlying message (libcurl's, or the system's), without secrets.
    public var detail: String
    /// How many attempts were made before giving up.
    public var attempts: Int
    /// The system's error number, for ``Code/fileSystem`` failures.
    public var errorNumber: Int32?

    /// Creates an error; `url` is redacted here.
    public init(
        code: Code, url: URL, status: Int? = nil, headers: HTTPHeaders = [:], body: Data = Data(),
        detail: String = "", attempts: Int = 1, errorNumber: Int32? = nil
    ) {
        self.code = code
        self.url = RedactedURL.string(url)
        self.status = status
        self.headers = headers
        self.body = body
        self.detail = detail
        self.attempts = attempts
        self.errorNumber = errorNumber
    }

    /// Whether the failure happened before any of the request reached the server (no connection, or a
    /// handshake cut short), so that even a request that is not idempotent can be sent again.
    public var requestWasNotSent: Bool {
        code == .connectFailed || code == .connectTimeout
    }

    /// Whether the failure is likely to pass: network trouble, timeouts, 5xx, 429.
    public var isTransient: Bool {
        switch code.base {
        case .connectFailed, .connectTimeout, .stalled, .deadlineExceeded, .connectionLost, .brokenReusedConnection:
            true
        case .status: status.map { $0 == 429 || (500...599).contains($0) } ?? false
        default: false
        }
    }

    public var description: String {
        var text: String
        if let status, code == .status {
            text = "HTTP \(status) from \(url)"
        } else {
            text = "\(code) for \(url)"
        }
        if !detail.isEmpty { text += ": \(detail)" }
        if attempts > 1 { text += " (after \(attempts) attempts)" }
        return text
    }
}
