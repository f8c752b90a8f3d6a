#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// How a redirect response turns into the next request. Pure functions, so the rules are unit-tested.
public enum RedirectPolicy {
    /// The status codes treated as redirects.
    public static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]

    /// Header fields that carry credentials and never cross to another origin.
    static let credentialHeaders = ["Authorization", "Cookie", "Proxy-Authorization"]

    /// The request to send after `response` redirected `request`, or nil when `status` is not a redirect.
    ///
    /// - 303, and 301/302 after a `POST`, become a `GET` without a body (what every browser does);
    ///   307/308 keep the method and body.
    /// - When the target's origin differs from the request's, `Authorization`, `Cookie` and
    ///   `Proxy-Authorization` are removed, and a 307/308 that would carry a body there is refused.
    /// - The target must pass ``URLPolicy``: an `https://` page cannot send us to plain `http://`
    ///   on another host.
    public static func nextRequest(
        after request: HTTPRequest, status: Int, location: String?
    ) throws(HTTPError) -> HTTPRequest? {
        guard redirectStatuses.contains(status) else { return nil }
        guard let location, !location.isEmpty,
            let target = URL(string: location, relativeTo: request.url)?.absoluteURL
        else {
            throw HTTPError(
                code: .badRedirect, url: request.url, status: status,
                detail: "redirect \(status) without a usable Location header")
        }
        try URLPolicy.check(target)
        var next = request
        next.url = target
        if status == 303 || ((status == 301 || status == 302) && request.method == .post) {
            next.method = .get
            next.body = nil
            next.headers.remove(name: "Content-Type")
            next.headers.remove(name: "Content-Length")
            next.isSafeToRetry = true
        }
        if Origin(target) != Origin(request.url) {
            // A body may be a credential too (a Maskinporten grant is one): it never crosses to another origin.
            if let body = next.body, !body.isEmpty {
                throw HTTPError(
                    code: .badRedirect, url: request.url, status: status,
                    detail:
                        "refusing to send a request body on to another origin (\(Origin(target).map { "\($0)" } ?? "?"))"
                )
            }
            for name in credentialHeaders { next.headers.remove(name: name) }
        }
        return next
    }
}
