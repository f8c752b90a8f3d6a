public import Foundation

/// The URLs the tool sends requests (and tokens) to, built only from an environment's checked bases and
/// validated identifiers, never taken from a response or an event.
///
/// The apps base is resolved for the configured ``org``: app URLs go to `{org}.apps...` whatever app they
/// name. Path segments are validated ids (digits, hex GUIDs, lowercase names), so they need no encoding;
/// query values are percent-encoded (see ``instanceQuery(app:size:changedFrom:changedBefore:)``).
public struct AltinnEndpoints: Sendable, Hashable {
    /// The environment the bases come from.
    public let environment: AltinnEnvironment
    /// The service owner running the tool; also the `excludeConfirmedBy` of the query.
    public let org: Org
    /// The Maskinporten issuer (with its trailing slash).
    public let maskinportenIssuer: URL
    /// The platform base.
    public let platform: URL
    /// The apps base for ``org``, e.g. `https://ttd.apps.tt02.altinn.no`.
    public let apps: URL

    /// Checks the bases of `environment` and resolves its apps base for `org`.
    ///
    /// Every base must be `https://` (or `http://` to a loopback host) without user info, query or fragment;
    /// the Maskinporten issuer must end in `/`.
    public init(environment: AltinnEnvironment, org: Org) throws(AltinnAPIError) {
        self.environment = environment
        self.org = org
        maskinportenIssuer = try EndpointBase.check(environment.maskinportenIssuer, role: "Maskinporten issuer")
        guard maskinportenIssuer.absoluteString.hasSuffix("/") else {
            throw AltinnAPIError(
                .invalidEndpoint,
                "Maskinporten issuer \(QuotedValue.quote(maskinportenIssuer.absoluteString)) must end with '/', "
                    + "e.g. https://test.maskinporten.no/")
        }
        platform = try EndpointBase.check(environment.platform, role: "platform base")
        apps = try EndpointBase.apps(template: environment.appsTemplate, org: org)
    }

    /// Maskinporten's token endpoint: the issuer + `token`.
    public var maskinportenToken: URL { maskinportenIssuer.appending(path: "token") }

    /// The exchange of a Maskinporten token for an Altinn token.
    public var tokenExchange: URL { platform.appending(path: "authentication/api/v1/exchange/maskinporten") }

    /// Storage's instance document, `<platform>/storage/api/v1/instances/{party}/{guid}`.
    public func storageInstance(_ id: InstanceID) -> URL {
        platform.appending(path: "storage/api/v1/instances/\(id.partyID)/\(id.instanceGUID)")
    }

    /// Storage's bytes of one data element, `.../instances/{party}/{guid}/data/{dataGuid}`.
    public func storageData(_ id: InstanceID, element: DataElementID) -> URL {
        storageInstance(id).appending(path: "data/\(element)")
    }

    /// Storage's completion confirmation, `POST .../instances/{party}/{guid}/complete`.
    public func storageComplete(_ id: InstanceID) -> URL {
        storageInstance(id).appending(path: "complete")
    }

    /// The app's instance document, `<apps>/{org}/{app}/instances/{party}/{guid}`.
    public func appInstance(_ app: AppID, _ id: InstanceID) -> URL {
        apps.appending(path: "\(app.org)/\(app.app)/instances/\(id.partyID)/\(id.instanceGUID)")
    }

    /// The app's rendering of one data element, `.../instances/{party}/{guid}/data/{dataGuid}`.
    public func appData(_ app: AppID, _ id: InstanceID, element: DataElementID) -> URL {
        appInstance(app, id).appending(path: "data/\(element)")
    }

    /// The app's completion confirmation, `POST .../instances/{party}/{guid}/complete`.
    public func appComplete(_ app: AppID, _ id: InstanceID) -> URL {
        appInstance(app, id).appending(path: "complete")
    }

    /// One page of the app's events,
    /// `<platform>/events/api/v1/app/{org}/{app}?after=..&type=..&type=..&size=..`.
    ///
    /// Each of `types` is sent as its own `type` parameter; `%` and `_` are Events' wildcards and are sent
    /// percent-encoded. Throws ``AltinnAPIError/Code/invalidParameter`` for a `size` below 1 or an empty type.
    public func eventsPage(app: AppID, after: EventID, types: [String], size: Int) throws(AltinnAPIError) -> URL {
        guard size >= 1 else {
            throw AltinnAPIError(.invalidParameter, "events page size \(size) is too small; expected 1 or more")
        }
        guard !types.contains(where: \.isEmpty) else {
            throw AltinnAPIError(
                .invalidParameter, "an event type is empty; expected e.g. app.instance.process.completed")
        }
        var query = QueryString()
        query.append("after", after.description)
        for type in types { query.append("type", type) }
        query.append("size", String(size))
        return try Self.url(platform.appending(path: "events/api/v1/app/\(app.org)/\(app.app)"), query: query)
    }

    /// The first page of the app's events registered at or after `from`,
    /// `<platform>/events/api/v1/app/{org}/{app}?from=..&type=..&size=..`: where a first run starts when it does
    /// not start at the oldest event. Events compares `from` as text, so treat it as approximate and filter on
    /// each event's `time` as well.
    public func eventsPage(
        app: AppID, from: AltinnTimestamp, types: [String], size: Int
    ) throws(AltinnAPIError) -> URL {
        guard size >= 1 else {
            throw AltinnAPIError(.invalidParameter, "events page size \(size) is too small; expected 1 or more")
        }
        var query = QueryString()
        query.append("from", from.normalized)
        for type in types { query.append("type", type) }
        query.append("size", String(size))
        return try Self.url(platform.appending(path: "events/api/v1/app/\(app.org)/\(app.app)"), query: query)
    }

    /// Storage's instance query endpoint without parameters, `<platform>/storage/api/v1/instances`.
    public var instanceQueryEndpoint: URL { platform.appending(path: "storage/api/v1/instances") }

    /// The reconciliation query: `app`'s completed instances not yet confirmed by ``org`` and not
    /// hard-deleted, oldest change first, `size` per page, optionally bounded by `lastChanged`
    /// (`gte:` `changedFrom`, `lt:` `changedBefore`; Storage needs the operator prefix), without their data
    /// elements (each instance's own document is fetched before it is archived).
    public func instanceQuery(
        app: AppID, size: Int, changedFrom: AltinnTimestamp? = nil, changedBefore: AltinnTimestamp? = nil
    ) throws(AltinnAPIError) -> URL {
        guard size >= 1 else {
            throw AltinnAPIError(.invalidParameter, "instance query size \(size) is too small; expected 1 or more")
        }
        var query = QueryString()
        query.append("appId", app.description)
        query.append("process.isComplete", "true")
        query.append("excludeConfirmedBy", org.description)
        query.append("status.isHardDeleted", "false")
        query.append("order", "asc:lastChanged")
        query.append("includeDataElements", "false")
        if let changedFrom { query.append("lastChanged", "gte:\(changedFrom.normalized)") }
        if let changedBefore { query.append("lastChanged", "lt:\(changedBefore.normalized)") }
        query.append("size", String(size))
        return try Self.url(instanceQueryEndpoint, query: query)
    }

    /// `base` with `query` attached.
    static func url(_ base: URL, query: QueryString) throws(AltinnAPIError) -> URL {
        guard var components = URLComponents(url: base, resolvingAgainstBaseURL: false) else {
            throw AltinnAPIError(.invalidEndpoint, "cannot add a query to \(QuotedValue.quote(base.absoluteString))")
        }
        components.percentEncodedQuery = query.text
        guard let url = components.url else {
            throw AltinnAPIError(.invalidEndpoint, "cannot add a query to \(QuotedValue.quote(base.absoluteString))")
        }
        return url
    }
}
