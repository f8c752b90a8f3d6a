public import AltinnAPI
public import CurlHTTP

/// What the engine needs from Altinn. ``AltinnClient`` is the real one; the protocol lets units of the
/// engine be tested without sockets. Every failure is an `AltinnError` (or `CancellationError`).
public protocol AltinnGateway: Sendable {
    /// The most requests the gateway runs at once, holding further ones in order and starting each the
    /// moment another ends; 0 when it runs every request it is given.
    var runningRequestLimit: Int { get }
    /// One page of `app`'s events after `after`.
    func eventsPage(app: AppID, after: EventID, types: [String], size: Int) async throws -> EventsPage
    /// The first page of `app`'s events registered at or after `from` (approximately).
    func eventsPage(app: AppID, from: AltinnTimestamp, types: [String], size: Int) async throws -> EventsPage
    /// The app an instance belongs to, from Storage's document of it (for `altinn-sync fetch`).
    func app(of instance: InstanceID) async throws -> AppID
    /// The instance document.
    func instance(app: AppID, id: InstanceID, from source: DownloadSource) async throws -> FetchedInstance
    /// Streams one data element into a new file at `path` (the archive makes it durable).
    func download(
        app: AppID, id: InstanceID, element: DataElementID, from source: DownloadSource, to path: String
    ) async throws -> HTTPDownload
    /// Confirms the instance.
    @discardableResult
    func complete(app: AppID, id: InstanceID, via source: DownloadSource) async throws -> Instance
    /// The first page of unconfirmed completed instances.
    func unconfirmedInstances(
        app: AppID, size: Int, changedFrom: AltinnTimestamp?, changedBefore: AltinnTimestamp?
    ) async throws -> InstancesPage
    /// The page a query response's `next` names.
    func unconfirmedInstances(next: String) async throws -> InstancesPage
}

extension AltinnClient: AltinnGateway {}
