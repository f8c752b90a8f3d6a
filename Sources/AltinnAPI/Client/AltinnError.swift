public import CurlHTTP

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One Altinn call that failed, in the domain's words: which call (``Operation``) and what kind of failure
/// (``Failure``), with a message safe to log.
///
/// ``AltinnClient`` turns every transport error, status and undecodable response into one of these, so that
/// callers decide on the kind of failure and never on raw HTTP status codes.
public struct AltinnError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The Altinn calls a receiver makes.
    public enum Operation: String, Sendable, CaseIterable, CustomStringConvertible {
        /// Reading a page of the events feed.
        case feed
        /// Fetching an instance document.
        case fetch
        /// Downloading a data element.
        case download
        /// Confirming an instance (`complete`).
        case confirm
        /// Reading a page of Storage's instance query.
        case query
        /// Getting a token (Maskinporten and the Altinn exchange).
        case token

        public var description: String { rawValue }

        /// What the call was doing, for messages.
        public var activity: String {
            switch self {
            case .feed: "reading the events feed"
            case .fetch: "fetching the instance"
            case .download: "downloading a data element"
            case .confirm: "confirming (complete)"
            case .query: "querying instances"
            case .token: "getting a token"
            }
        }
    }

    /// What kind of failure it was.
    public enum Failure: String, Sendable, CaseIterable, CustomStringConvertible {
        /// No answer: the connection failed, broke or timed out.
        case unreachable
        /// Altinn answered that it cannot serve now: 5xx or 429, after the retries.
        case unavailable
        /// Altinn refused the token, even a fresh one (401), or Maskinporten or the exchange refused to issue one.
        case refused
        /// Altinn refused the action to this token (403).
        case forbidden
        /// The resource does not exist (404, 410).
        case notFound
        /// Altinn rejected the request as made: another 4xx status, or a redirect that cannot be followed.
        case rejected
        /// The response is not what the API promises: bad JSON, a missing required field, a wrong type.
        case malformed
        /// The response is larger than the bound the client reads into memory.
        case oversized
        /// The connection cannot be trusted or made as configured: TLS verification, a proxy's refusal, a URL
        /// that is not `https://`. Concerns every request.
        case connectionSetup
        /// Writing a downloaded body to the local disk failed (full, read-only, permissions).
        case localDisk
        /// The local file system refused a name made from the instance's data (too long, not valid text).
        case nameRefused

        public var description: String { rawValue }

        /// The failure in a few words, for messages.
        public var phrase: String {
            switch self {
            case .unreachable: "no answer"
            case .unavailable: "Altinn unavailable"
            case .refused: "token refused"
            case .forbidden: "forbidden"
            case .notFound: "not found"
            case .rejected: "request rejected"
            case .malformed: "unreadable response"
            case .oversized: "response too large"
            case .connectionSetup: "connection refused by its setup"
            case .localDisk: "local disk failure"
            case .nameRefused: "file name refused"
            }
        }
    }

    /// The call that failed.
    public var operation: Operation
    /// The kind of failure.
    public var failure: Failure
    /// What happened, safe to log: it never holds a token or a request header.
    public var message: String
    /// The HTTP status Altinn answered, when it answered with one.
    public var status: Int?

    /// Creates an error.
    public init(_ operation: Operation, _ failure: Failure, _ message: String, status: Int? = nil) {
        self.operation = operation
        self.failure = failure
        self.message = message
        self.status = status
    }

    /// The domain error for a transport failure of `operation`.
    public init(_ operation: Operation, _ error: HTTPError) {
        self.init(operation, Self.failure(of: error), "\(error)", status: error.code == .status ? error.status : nil)
    }

    /// The domain error for a response of `operation` that does not decode.
    public init(_ operation: Operation, _ error: AltinnAPIError) {
        self.init(operation, .malformed, "\(error)")
    }

    /// The kind of failure an HTTP error is.
    static func failure(of error: HTTPError) -> Failure {
        switch error.code {
        case .connectFailed, .connectTimeout, .stalled, .deadlineExceeded, .connectionLost:
            return .unreachable
        case .tls, .insecureURL, .proxyRefused:
            return .connectionSetup
        case .bodyTooLarge:
            return .oversized
        case .fileSystem:
            switch error.errorNumber {
            case ENAMETOOLONG, EILSEQ, EINVAL: return .nameRefused
            default: return .localDisk
            }
        case .tooManyRedirects, .badRedirect:
            return .rejected
        case .status:
            switch error.status ?? 0 {
            case 401: return .refused
            case 403: return .forbidden
            case 404, 410: return .notFound
            case 429, 500...599: return .unavailable
            default: return .rejected
            }
        default:
            return error.isTransient ? .unreachable : .rejected
        }
    }

    /// E.g. `fetching the instance: not found: HTTP 404 from https://...`.
    public var description: String { "\(operation.activity): \(failure.phrase): \(message)" }
}
