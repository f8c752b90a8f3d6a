/// The HTTP methods this transport sends.
public enum HTTPMethod: String, Sendable, Hashable {
    case get = "GET"
    case head = "HEAD"
    case post = "POST"
    case put = "PUT"
    case delete = "DELETE"

    /// Whether RFC 9110 defines the method as idempotent, so that a retry cannot do harm.
    public var isIdempotent: Bool {
        switch self {
        case .get, .head, .put, .delete: true
        case .post: false
        }
    }
}
