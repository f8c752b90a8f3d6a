internal import AltinnAPI
import Foundation

extension SimulatorCore {
    /// The scopes that let an org query instances.
    static let instanceReadScopes = ["altinn:serviceowner/instances.read", "altinn:storage/instances.syncadapter"]

    /// `GET /storage/api/v1/instances`: Storage's instance query with continuation-token paging.
    func instanceQuery(_ request: SimRequest) -> SimResponse {
        let principal: AltinnPrincipal
        switch authenticate(request) {
        case .refused(let response): return response
        case .principal(let found): principal = found
        }
        guard let callerOrg = principal.org else {
            return .text(400, "Either InstanceOwnerPartyId or InstanceOwnerIdentifier need to be defined.")
        }
        let query: InstanceQuery
        switch InstanceQuery.parse(request.query) {
        case .failure(let error): return error.response
        case .success(let parsed): query = parsed
        }
        guard Self.instanceReadScopes.contains(where: principal.has(scope:)) else {
            return forbidden(request, reason: "missing scope altinn:serviceowner/instances.read", principal: principal)
        }
        guard query.org.lowercased() == callerOrg.lowercased() else {
            return forbidden(request, reason: "another org's instances", principal: principal)
        }
        let page = state.withLock { world -> [StoredInstance] in
            let rows = world.instances.values.filter { query.accepts($0) && query.isAfterContinuation($0) }
            return Array(rows.sorted(by: query.precedes).prefix(query.size))
        }
        var next: String?
        if page.count == query.size, let last = page.last {
            next = nextQueryLink(request, token: "\(last.lastChanged.value);\(last.internalID)")
        }
        let response = QueryResponse(
            count: page.count, selfLink: "\(baseURL)\(request.path)" + (request.rawQuery.map { "?\($0)" } ?? ""),
            next: next, instances: page.map(storageDocument))
        var entry = entry(.instanceQuery, request, status: 200)
        entry.count = page.count
        entry.clientID = principal.clientID
        record(entry)
        return query.includeDataElements ? storageJSON(response) : Self.withoutDataElements(storageJSON(response))
    }

    /// A query page whose instances leave `data` out, as Storage writes them for `includeDataElements=false`
    /// (the list stays null, and Newtonsoft leaves nulls out).
    static func withoutDataElements(_ response: SimResponse) -> SimResponse {
        guard case .bytes(let bytes) = response.body,
            case .object(var page) = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes)),
            case .array(let instances) = page["instances"]
        else { return response }
        page["instances"] = .array(
            instances.map { instance in
                guard case .object(var document) = instance else { return instance }
                document["data"] = nil
                return .object(document)
            })
        var result = response
        result.body = .bytes(HostileDocument.encodedBytes(.object(page)))
        return result
    }

    /// The next page's URL: the original parameters re-encoded by `QueryBuilder` without the old token,
    /// then the token URL-encoded by `HttpUtility.UrlEncode` and again by `QueryBuilder` (`;` → `%253b`).
    func nextQueryLink(_ request: SimRequest, token: String) -> String {
        var pairs: [String] = []
        for group in request.query.grouped where group.name != "continuationToken" {
            for value in group.values {
                pairs.append("\(PercentEncoding.queryBuilder(group.name))=\(PercentEncoding.queryBuilder(value))")
            }
        }
        let encodedToken = PercentEncoding.queryBuilder(PercentEncoding.httpUtility(token))
        pairs.append("continuationToken=\(encodedToken)")
        return "\(baseURL)\(request.path)?" + pairs.joined(separator: "&")
    }
}
