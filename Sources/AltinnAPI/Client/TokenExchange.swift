import CurlHTTP
import Logging
import Maskinporten

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One exchange of a Maskinporten token for an Altinn token.
struct TokenExchange: Sendable {
    let http: HTTPClient
    let url: URL
    let maskinporten: AccessTokenCache
    let logger: Logger

    func exchange() async throws -> AccessToken {
        let first = try await maskinporten.token()
        do {
            do {
                return try await exchange(using: first)
            } catch let error as HTTPError where error.status == 401 {
                // A Maskinporten token can be refused when it expired in flight; try once with a fresh one.
                await maskinporten.invalidate(first)
                return try await exchange(using: try await maskinporten.token())
            }
        } catch let error as HTTPError where error.status == 401 {
            throw AuthenticationError(
                step: .exchange,
                message:
                    "Altinn refused the Maskinporten token (401). Usual causes: the Maskinporten client belongs "
                    + "to another environment than the platform (test Maskinporten pairs with TT02), or the "
                    + "organisation is not registered as a service owner",
                isTransient: false)
        } catch let error as HTTPError {
            throw AuthenticationError(
                step: .exchange, message: "\(error)\(Self.bodyText(error))", isTransient: error.isTransient)
        }
    }

    private func exchange(using token: AccessToken) async throws -> AccessToken {
        var request = HTTPRequest(url: url)
        request.headers.add(name: "Authorization", value: token.authorizationHeader)
        request.headers.add(name: "Accept", value: "application/json, text/plain")
        let response = try await http.send(request, bodyLimit: 64 * 1024, logger: logger)
        let jwt = try Self.jwt(fromBody: response.body)
        let received = AccessToken(value: jwt, expiresIn: nil, receivedAt: Date())
        logger.debug("obtained Altinn token", metadata: ["token.expires": "\(received.expiresAt)"])
        return received
    }

    /// The JWT in an exchange response body: raw text, or a JSON string literal (`"eyJ..."`).
    static func jwt(fromBody body: Data) throws -> String {
        var text = String(decoding: body, as: UTF8.self).trimming(.whitespacesAndNewlines)
        if text.hasPrefix("\"") {
            guard let decoded = try? JSONDecoder().decode(String.self, from: Data(text.utf8)) else {
                throw AuthenticationError(
                    step: .exchange, message: "the exchange answered a malformed JSON string", isTransient: false)
            }
            text = decoded
        }
        guard (try? CompactJWS(text)) != nil else {
            throw AuthenticationError(
                step: .exchange, message: "the exchange answered something that is not a JWT", isTransient: false)
        }
        return text
    }

    /// The start of an error body as one line of printable text, for the message.
    private static func bodyText(_ error: HTTPError) -> String {
        let text = String(decoding: error.body.prefix(300), as: UTF8.self)
        let printable = String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 })
        ).trimming(.whitespaces)
        return printable.isEmpty ? "" : " (\(printable))"
    }
}
