import CurlHTTP

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

extension AltinnEndpoints {
    /// The instance query's `next` link as a URL to follow verbatim, after checking that it points at this
    /// platform's query endpoint: same scheme, host and port, the same path, and no user info or fragment.
    ///
    /// The query is not touched: Storage encodes the continuation token twice (`%253b`) and decodes it twice.
    /// Throws ``AltinnAPIError/Code/untrustedURL`` otherwise, so the token never goes anywhere else.
    public func validatedQueryNext(_ next: String) throws(AltinnAPIError) -> URL {
        let expected = instanceQueryEndpoint
        func reject(_ reason: String) -> AltinnAPIError {
            AltinnAPIError(
                .untrustedURL,
                "the instance query's next link \(QuotedValue.quote(next)) \(reason); expected a URL under "
                    + "\(expected.absoluteString)")
        }
        guard let url = URL(string: next, encodingInvalidCharacters: false), url.absoluteString == next,
            let components = URLComponents(url: url, resolvingAgainstBaseURL: false),
            let expectedComponents = URLComponents(url: expected, resolvingAgainstBaseURL: false)
        else { throw reject("is not a well-formed URL") }
        guard let origin = Origin(url), origin == Origin(expected) else {
            throw reject("points at another scheme, host or port")
        }
        guard components.user == nil, components.password == nil, components.fragment == nil else {
            throw reject("carries user info or a fragment")
        }
        guard components.percentEncodedPath == expectedComponents.percentEncodedPath else {
            throw reject("points at another path")
        }
        return url
    }
}
