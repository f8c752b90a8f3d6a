import Foundation

/// A request as the simulator's endpoints see it, independent of the HTTP server.
struct SimRequest: Sendable {
    /// The method, e.g. `GET`.
    let method: String
    /// The path without query.
    let path: String
    /// The query as sent (still percent-encoded), without `?`; nil when there is none.
    let rawQuery: String?
    /// Header fields by lowercased name; repeated fields joined with `, `.
    let headers: [String: String]
    /// The body (bounded; only forms are read).
    let body: Data

    /// The decoded query parameters in order.
    var query: QueryParameters { QueryParameters(raw: rawQuery) }

    /// The bearer token of the `Authorization` header.
    var bearerToken: String? {
        guard let value = headers["authorization"] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    /// The path split into its non-empty segments.
    var segments: [String] { path.split(separator: "/").map(String.init) }
}
