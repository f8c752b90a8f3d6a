public import CurlHTTP
public import Logging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The Altinn endpoints a service owner's receiver uses, as typed calls.
///
/// Every URL comes from ``AltinnEndpoints`` and validated ids; every request carries the Altinn token from
/// the ``AltinnTokenSource``. When Altinn answers 401, the token is dropped, a fresh one fetched, and the
/// request sent once more. Every failure is thrown as an ``AltinnError`` naming the call and the kind of
/// failure (or as `CancellationError`): callers never see raw HTTP errors.
public struct AltinnClient: Sendable {
    /// The bases and URL rules.
    public let endpoints: AltinnEndpoints
    private let http: HTTPClient
    private let tokens: any AltinnTokenSource
    private let logger: Logger

    /// The bound for JSON responses (an events page or a query page of 100 instances stays far below it).
    public static let documentLimit = 32 * 1024 * 1024

    /// The most requests the transport runs at once, holding further ones in order until one ends; 0 when it
    /// runs every request at once.
    public var runningRequestLimit: Int { http.configuration.maxRunningTransfers }

    /// Creates a client.
    public init(http: HTTPClient, endpoints: AltinnEndpoints, tokens: any AltinnTokenSource, logger: Logger) {
        self.http = http
        self.endpoints = endpoints
        self.tokens = tokens
        self.logger = logger
    }

    /// One page of `app`'s events after `after`, filtered server-side by `types`; each event is decoded on its
    /// own, so a bad one is an invalid item rather than a failed page.
    public func eventsPage(app: AppID, after: EventID, types: [String], size: Int) async throws -> EventsPage {
        try await call(.feed) {
            let url = try endpoints.eventsPage(app: app, after: after, types: types, size: size)
            let response = try await send(.get, url, accept: "application/cloudevents+json, application/json")
            let items = try AltinnJSON.decode([LenientItem<CloudEvent>].self, from: response.body)
            return EventsPage(items: items.map(\.item), next: response.headers["next"])
        }
    }

    /// The first page of `app`'s events registered at or after `from` (approximately: see
    /// ``AltinnEndpoints/eventsPage(app:from:types:size:)``).
    public func eventsPage(app: AppID, from: AltinnTimestamp, types: [String], size: Int) async throws -> EventsPage {
        try await call(.feed) {
            let url = try endpoints.eventsPage(app: app, from: from, types: types, size: size)
            let response = try await send(.get, url, accept: "application/cloudevents+json, application/json")
            let items = try AltinnJSON.decode([LenientItem<CloudEvent>].self, from: response.body)
            return EventsPage(items: items.map(\.item), next: response.headers["next"])
        }
    }

    /// The app `instance` belongs to, read from Storage's document of it.
    public func app(of instance: InstanceID) async throws -> AppID {
        try await call(.fetch) {
            let response = try await send(.get, endpoints.storageInstance(instance), accept: "application/json")
            return try AltinnJSON.decode(Instance.self, from: response.body).appID
        }
    }

    /// The instance document from `source`.
    public func instance(app: AppID, id: InstanceID, from source: DownloadSource) async throws -> FetchedInstance {
        try await call(.fetch) {
            let url =
                switch source {
                case .storage: endpoints.storageInstance(id)
                case .app: endpoints.appInstance(app, id)
                }
            let response = try await send(.get, url, accept: "application/json")
            let instance = try AltinnJSON.decode(Instance.self, from: response.body)
            return FetchedInstance(instance: instance, document: response.body)
        }
    }

    /// Streams one data element from `source` into a new file at `path` (see `HTTPClient.download`), not yet
    /// fsync'd: the archive makes it durable with the rest of the instance. From the app, form data comes
    /// re-serialised as XML, so its bytes differ from the stored ones.
    public func download(
        app: AppID, id: InstanceID, element: DataElementID, from source: DownloadSource, to path: String
    ) async throws -> HTTPDownload {
        try await call(.download) {
            let url =
                switch source {
                case .storage: endpoints.storageData(id, element: element)
                case .app: endpoints.appData(app, id, element: element)
                }
            return try await authorized { token in
                var request = HTTPRequest(url: url)
                request.headers.add(name: "Authorization", value: "Bearer \(token)")
                if source == .app {
                    // The app re-serialises form data, as JSON unless XML is asked for (binary data ignores this).
                    request.headers.add(name: "Accept", value: "application/xml")
                }
                return try await http.download(request, to: path, durable: false, logger: logger)
            }
        }
    }

    /// Confirms that the service owner has received the instance (`POST .../complete`); idempotent.
    @discardableResult
    public func complete(app: AppID, id: InstanceID, via source: DownloadSource) async throws -> Instance {
        try await call(.confirm) {
            let url =
                switch source {
                case .storage: endpoints.storageComplete(id)
                case .app: endpoints.appComplete(app, id)
                }
            // Altinn treats a second confirmation by the same org as a no-op, so a retry is safe.
            let response = try await send(.post, url, accept: "application/json", body: Data(), safeToRetry: true)
            return try AltinnJSON.decode(Instance.self, from: response.body)
        }
    }

    /// The first page of `app`'s completed instances that this org has not confirmed, oldest change first;
    /// each instance is decoded on its own.
    public func unconfirmedInstances(
        app: AppID, size: Int, changedFrom: AltinnTimestamp? = nil, changedBefore: AltinnTimestamp? = nil
    ) async throws -> InstancesPage {
        try await call(.query) {
            try await queryPage(
                try endpoints.instanceQuery(
                    app: app, size: size, changedFrom: changedFrom, changedBefore: changedBefore))
        }
    }

    /// The page a query response's `next` names, followed verbatim after checking it points at the
    /// platform's query endpoint.
    public func unconfirmedInstances(next: String) async throws -> InstancesPage {
        try await call(.query) { try await queryPage(try endpoints.validatedQueryNext(next)) }
    }

    private func queryPage(_ url: URL) async throws -> InstancesPage {
        let response = try await send(.get, url, accept: "application/json")
        let page = try AltinnJSON.decode(LenientQueryPage.self, from: response.body)
        return InstancesPage(items: page.instances.map(\.item), next: page.next)
    }

    // MARK: Requests

    /// Runs `body`, turning every failure but cancellation into an ``AltinnError`` of `operation`.
    private func call<Result>(
        _ operation: AltinnError.Operation, _ body: () async throws -> Result
    ) async throws -> Result {
        do {
            return try await body()
        } catch let error as HTTPError {
            throw AltinnError(operation, error)
        } catch let error as AltinnAPIError {
            switch error.code {
            case .invalidParameter, .invalidEndpoint: throw AltinnError(operation, .rejected, "\(error)")
            default: throw AltinnError(operation, error)
            }
        } catch let error as AuthenticationError {
            throw AltinnError(.token, error.isTransient ? .unavailable : .refused, "\(error)")
        } catch let error as AltinnError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw AltinnError(operation, .rejected, "\(error)")
        }
    }

    private func send(
        _ method: HTTPMethod, _ url: URL, accept: String, body: Data? = nil, safeToRetry: Bool? = nil
    ) async throws -> HTTPResponse {
        try await authorized { token in
            var request = HTTPRequest(method: method, url: url, body: body, isSafeToRetry: safeToRetry)
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            request.headers.add(name: "Accept", value: accept)
            return try await http.send(request, bodyLimit: Self.documentLimit, logger: logger)
        }
    }

    /// Runs `operation` with a token; after a 401, once more with a fresh one.
    private func authorized<Result>(_ operation: (String) async throws -> Result) async throws -> Result {
        let token = try await tokens.altinnToken()
        do {
            return try await operation(token)
        } catch let error as HTTPError where error.status == 401 {
            logger.notice("Altinn refused the token; fetching a new one", metadata: ["http.url": "\(error.url)"])
            await tokens.invalidate(token)
            return try await operation(try await tokens.altinnToken())
        }
    }
}
