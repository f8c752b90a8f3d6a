public import CurlHTTP
public import Foundation
public import Logging
public import Maskinporten

/// Obtains and keeps the Altinn token: a Maskinporten token exchanged at
/// `<platform>/authentication/api/v1/exchange/maskinporten`.
///
/// Both tokens are cached separately, each until 60 s before its own `exp` (Altinn checks expiry with zero
/// clock skew); refreshes are single-flight. The Altinn token can also be kept in a file (mode 0600), so
/// that a run every minute reuses it instead of asking Maskinporten each time.
public final class AltinnAuthenticator: AltinnTokenSource {
    private let altinn: AccessTokenCache
    private let maskinporten: AccessTokenCache

    /// Creates an authenticator.
    ///
    /// - Parameters:
    ///   - maskinporten: the Maskinporten token cache (see `MaskinportenClient.makeTokenCache`).
    ///   - cacheFile: where to keep the Altinn token between runs, or nil.
    public init(
        http: HTTPClient, endpoints: AltinnEndpoints, maskinporten: AccessTokenCache, cacheFile: TokenCacheFile?,
        logger: Logger, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.maskinporten = maskinporten
        let exchange = TokenExchange(
            http: http, url: endpoints.tokenExchange, maskinporten: maskinporten, logger: logger)
        altinn = AccessTokenCache(refreshMargin: 60, file: cacheFile, logger: logger, now: now) {
            try await exchange.exchange()
        }
    }

    /// A valid Altinn token.
    public func altinnToken() async throws -> String {
        do {
            return try await altinn.token().value
        } catch let error as AuthenticationError {
            throw error
        } catch let error as MaskinportenError {
            throw AuthenticationError(step: .maskinporten, message: "\(error)", isTransient: error.isTransient)
        }
    }

    /// Drops `token` after Altinn refused it.
    public func invalidate(_ token: String) async {
        await altinn.invalidate(AccessToken(value: token, expiresIn: nil, receivedAt: Date()))
    }

    /// The claims of the current Altinn token, for diagnostics (`altinn-sync check`).
    public func currentClaims() async throws -> AltinnTokenClaims {
        try AltinnTokenClaims(token: try await altinnToken())
    }
}

/// One exchange of a Maskinporten token for an Altinn token.
struct TokenExchange: Sendable {
    let http: HTTPClient
    let url: URL
    let maskinporten: AccessTokenCache
    let logger: Logger

    func exchange() async throws -> AccessToken {
        let first = try await maskinporten.token()
        do {
            return try await exchange(using: first)
        } catch let error as HTTPError where error.status == 401 {
            // A Maskinporten token can be refused when it expired in flight; try once with a fresh one.
            await maskinporten.invalidate(first)
            do {
                return try await exchange(using: try await maskinporten.token())
            } catch let error as HTTPError where error.status == 401 {
                throw AuthenticationError(
                    step: .exchange,
                    message:
                        "Altinn refused the Maskinporten token (401). Usual causes: the Maskinporten client belongs "
                        + "to another environment than the platform (test Maskinporten pairs with TT02), or the "
                        + "organisation is not registered as a service owner",
                    isTransient: false)
            }
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
        var text = String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
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

    private static func bodyText(_ error: HTTPError) -> String {
        let text = String(decoding: error.body.prefix(300), as: UTF8.self).trimmingCharacters(
            in: .whitespacesAndNewlines)
        return text.isEmpty ? "" : " (\(text))"
    }
}

/// What an Altinn token says about its holder, read without verification for diagnostics.
public struct AltinnTokenClaims: Sendable {
    private struct Claims: Decodable {
        var scope: String?
        var exp: Double?
        var org: String?
        var orgNumber: String?

        enum CodingKeys: String, CodingKey {
            case scope, exp
            case org = "urn:altinn:org"
            case orgNumber = "urn:altinn:orgNumber"
        }
    }

    /// The scopes, space-separated.
    public var scope: String?
    /// The org claim (`urn:altinn:org`), present only for service-owner scopes.
    public var org: String?
    /// The organisation number.
    public var orgNumber: String?
    /// The expiry.
    public var expiresAt: Date?

    /// Reads the claims of `token`.
    public init(token: String) throws {
        let claims = try CompactJWS(token).claims(as: Claims.self)
        scope = claims.scope
        org = claims.org
        orgNumber = claims.orgNumber
        expiresAt = claims.exp.map { Date(timeIntervalSince1970: $0) }
    }
}
