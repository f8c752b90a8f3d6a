import Foundation

/// A response as the simulator's endpoints produce it, before faults and the HTTP server touch it.
struct SimResponse: Sendable {
    /// The body: nothing, bytes in memory, a data element's content streamed, or `size` bytes produced on
    /// demand by a fresh iterator each time the body is written.
    enum Body: Sendable {
        case empty
        case bytes([UInt8])
        case content(DataContent)
        case stream(size: Int64, chunks: @Sendable () -> AnyIterator<[UInt8]>)

        var count: Int64 {
            switch self {
            case .empty: 0
            case .bytes(let bytes): Int64(bytes.count)
            case .content(let content): content.size
            case .stream(let size, _): size
            }
        }
    }

    /// The status code.
    var status: Int
    /// Header fields in order.
    var headers: [(name: String, value: String)] = []
    /// The body.
    var body: Body = .empty
    /// The ledger entry to complete with the bytes sent, for downloads.
    var download: LedgerEntry?

    /// A response with no body.
    static func empty(_ status: Int) -> SimResponse {
        SimResponse(status: status)
    }

    /// A UTF-8 text body.
    static func text(_ status: Int, _ text: String, contentType: String = "text/plain; charset=utf-8") -> SimResponse {
        SimResponse(status: status, headers: [("Content-Type", contentType)], body: .bytes(Array(text.utf8)))
    }

    /// A JSON body.
    static func json(
        _ status: Int, _ data: Data, contentType: String = "application/json; charset=utf-8"
    )
        -> SimResponse
    {
        SimResponse(status: status, headers: [("Content-Type", contentType)], body: .bytes(Array(data)))
    }

    /// A JSON body encoded from `value` (member order as declared, `/` unescaped).
    static func json(
        _ status: Int, encoding value: some Encodable, sortedKeys: Bool = false,
        dates: JSONEncoder.DateEncodingStrategy = .deferredToDate
    ) -> SimResponse {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = dates
        encoder.outputFormatting = sortedKeys ? [.withoutEscapingSlashes, .sortedKeys] : [.withoutEscapingSlashes]
        do {
            return json(status, try encoder.encode(value))
        } catch {
            return text(500, "cannot encode the response: \(error)")
        }
    }

    /// ASP.NET's ProblemDetails for `status` with `detail`.
    static func problem(_ status: Int, title: String, detail: String) -> SimResponse {
        let body = ProblemDetails(
            type: ProblemDetails.type(of: status), title: title, status: status, detail: detail,
            traceId: ProblemDetails.traceID())
        var response = json(status, encoding: body)
        response.headers = [("Content-Type", "application/problem+json; charset=utf-8")]
        return response
    }

    /// ASP.NET's ValidationProblemDetails for values that do not bind.
    static func validationProblem(_ errors: [String: [String]]) -> SimResponse {
        let body = ValidationProblemDetails(
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            title: "One or more validation errors occurred.", status: 400, errors: errors,
            traceId: ProblemDetails.traceID())
        var response = json(400, encoding: body)
        response.headers = [("Content-Type", "application/problem+json; charset=utf-8")]
        return response
    }
}

/// RFC 7807 problem details as ASP.NET writes them.
struct ProblemDetails: Codable, Sendable {
    let type: String
    let title: String
    let status: Int
    let detail: String
    let traceId: String

    /// The RFC 9110 section ASP.NET links for `status`.
    static func type(of status: Int) -> String {
        let sections = [400: "15.5.1", 401: "15.5.2", 403: "15.5.4", 404: "15.5.5", 409: "15.5.10", 410: "15.5.11"]
        return "https://tools.ietf.org/html/rfc9110#section-" + (sections[status] ?? "15.5.1")
    }

    /// A W3C trace id like ASP.NET's.
    static func traceID() -> String {
        let hex = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        return "00-\(hex)-\(hex.prefix(16))-00"
    }
}

/// ASP.NET's automatic 400 for values that do not bind.
struct ValidationProblemDetails: Codable, Sendable {
    let type: String
    let title: String
    let status: Int
    let errors: [String: [String]]
    let traceId: String
}
