#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// A response whose body was streamed to a file.
public struct HTTPDownload: Sendable {
    /// The final status code, always 2xx.
    public var status: Int
    /// The response header fields of the final response.
    public var headers: HTTPHeaders
    /// How many body bytes were written to the file.
    public var byteCount: Int64
    /// The SHA-256 digest of the bytes written, as lowercase hex.
    public var sha256: String
    /// The URL that produced this response (the last hop of any redirect).
    public var url: URL

    /// Creates a download result.
    public init(status: Int, headers: HTTPHeaders, byteCount: Int64, sha256: String, url: URL) {
        self.status = status
        self.headers = headers
        self.byteCount = byteCount
        self.sha256 = sha256
        self.url = url
    }
}
