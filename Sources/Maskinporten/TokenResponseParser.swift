import CurlHTTP

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Reads Maskinporten's token responses and error responses.
enum TokenResponseParser {
    private struct Success: Decodable {
        var accessToken: String
        var expiresIn: Double?
        var scope: String?

        enum CodingKeys: String, CodingKey {
            case accessToken = "access_token"
            case expiresIn = "expires_in"
            case scope
        }
    }

    private struct Failure: Decodable {
        var error: String?
        var errorDescription: String?

        enum CodingKeys: String, CodingKey {
            case error
            case errorDescription = "error_description"
        }
    }

    /// The token from a 2xx response.
    static func parse(
        _ response: HTTPResponse, receivedAt: Date, attempts: Int
    ) throws(MaskinportenError)
        -> MaskinportenToken
    {
        guard let body = try? JSONDecoder().decode(Success.self, from: response.body), !body.accessToken.isEmpty
        else {
            throw MaskinportenError(
                code: .invalidResponse, status: response.status,
                detail: "the response has no access_token (\(response.body.count) bytes)", attempts: attempts)
        }
        return MaskinportenToken(
            token: AccessToken(value: body.accessToken, expiresIn: body.expiresIn, receivedAt: receivedAt),
            scope: body.scope,
            clockSkew: clockSkew(response.headers, receivedAt: receivedAt),
            attempts: attempts)
    }

    /// The error for a failed exchange: refused (4xx other than 429) or unavailable.
    ///
    /// - Parameter identification: how the refused grant named its key, for the hint.
    static func failure(
        _ error: HTTPError, receivedAt: Date, attempts: Int, identification: KeyIdentification? = nil
    ) -> MaskinportenError {
        let body = error.status == nil ? nil : try? JSONDecoder().decode(Failure.self, from: error.body)
        let refused = error.status.map { (400...499).contains($0) && $0 != 429 } ?? false
        var detail = ""
        if !refused {
            detail = "\(error)"
        } else if body?.error == nil, body?.errorDescription == nil, !error.body.isEmpty {
            detail = "response: \(sanitize(String(decoding: error.body.prefix(300), as: UTF8.self)))"
        }
        if let skew = clockSkew(error.headers, receivedAt: receivedAt),
            abs(skew) > MaskinportenToken.clockSkewWarningThreshold
        {
            let note = HostClockOffset(maskinportenMinusHost: skew).description
            detail = detail.isEmpty ? note : "\(detail); \(note)"
        }
        return MaskinportenError(
            code: refused ? .rejected : .unavailable, status: error.status,
            error: body?.error.map(sanitize), errorDescription: body?.errorDescription.map(sanitize),
            detail: detail, attempts: attempts, identification: identification)
    }

    /// Server time minus local time, from the `Date` header.
    static func clockSkew(_ headers: HTTPHeaders, receivedAt: Date) -> Double? {
        guard let value = headers["Date"], let serverTime = HTTPDate.parse(value) else { return nil }
        // The header is truncated to the second; compare with our clock truncated the same way.
        return serverTime.timeIntervalSince1970 - receivedAt.timeIntervalSince1970.rounded(.down)
    }

    /// Server text made safe for one log line: no control characters, bounded length.
    static func sanitize(_ text: String) -> String {
        let cleaned = String(
            text.unicodeScalars.map { ScalarSet.controlCharacters.contains($0) ? " " : Character($0) })
        return cleaned.count > 500 ? String(cleaned.prefix(500)) + "…" : cleaned
    }
}
