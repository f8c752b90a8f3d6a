extension SimulatorCore {
    /// Expires for good what `request` presents to `route`, as the token-expiry fault does: the Maskinporten
    /// grant (`assertion`) on the token endpoint, the bearer token everywhere else. Every later request
    /// presenting it is refused as an expired one would be; a new token or grant is not affected.
    func expireCredential(of request: SimRequest, on route: SimRoute) {
        let credential: String?
        switch route {
        case .token: credential = Self.assertion(of: request)
        default: credential = request.bearerToken
        }
        guard let credential else { return }
        state.withLock { _ = $0.expiredCredentials.insert(credential) }
    }

    /// Whether a token-expiry fault has expired `credential` (a token or a grant).
    func isExpiredByFault(_ credential: String) -> Bool {
        state.withLock { $0.expiredCredentials.contains(credential) }
    }

    /// The grant of a token request's form body, if any.
    static func assertion(of request: SimRequest) -> String? {
        let form = QueryParameters(raw: String(decoding: request.body, as: UTF8.self))
        return form.first("assertion").flatMap { $0.isEmpty ? nil : $0 }
    }
}
