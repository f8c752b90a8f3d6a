import Foundation

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
    ///   `Proxy-Authorization` are removed.
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
            for name in credentialHeaders { next.headers.remove(name: name) }
        }
        return next
    }
}
