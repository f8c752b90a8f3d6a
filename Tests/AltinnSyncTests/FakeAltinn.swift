import AltinnAPI
import AltinnSync
import CurlHTTP
import Foundation
import Synchronization

/// An in-memory Altinn behind the engine's ``AltinnGateway``: instances with their data, an events feed per
/// app, the Storage query for unconfirmed instances, scripted failures and delays per call, and a log of every
/// call the engine made. No sockets.
final class FakeAltinn: AltinnGateway, Sendable {
    /// The org whose confirmations `complete` records.
    static let org = "ttd"
    /// The apps base the configuration names; event sources point there.
    static let appsBase = "http://127.0.0.1:9"
    /// The party every instance belongs to.
    static let party = "50001"

    /// One call the engine made.
    enum Call: Hashable, Sendable {
        case events(app: String, after: String)
        case instance(String)
        case download(instance: String, element: String)
        case complete(String)
        case query(app: String, changedFrom: String?, changedBefore: String?)
        case queryNext(String)
    }

    /// A kind of call that a script applies to; a nil instance matches every instance.
    enum Operation: Hashable, Sendable {
        case events(AppID)
        case instance(InstanceID?)
        case download(InstanceID?)
        case complete(InstanceID?)
        case query(AppID)
    }

    /// One data element.
    struct Element: Sendable {
        var id: String
        var dataType = "model"
        var filename: String?
        var contentType = "application/xml"
        var content: Data
        /// The size the instance document declares; nil means the content's size.
        var declaredSize: Int64?
        var fileScanResult: FileScanResult?
    }

    /// One instance.
    struct StoredInstance: Sendable {
        var app: AppID
        var id: InstanceID
        var ended: Bool
        var confirmedBy: [String] = []
        var elements: [Element] = []
        /// Deleted at Altinn: GET answers 404, the query no longer lists it.
        var deleted = false
        /// `complete` answers 200 but records nothing.
        var ignoresComplete = false
        /// Top-level members left out of the instance document as served (a hostile or broken response).
        var omittedMembers: [String] = []
        /// How the instance query lists it: decoded, or as an item that does not decode (with or without an id).
        var inQuery = Listing.valid
    }

    /// How a page lists an item.
    enum Listing: Sendable {
        case valid
        /// The item does not decode, but its `id` can be read.
        case undecodable
        /// The item does not decode, and has no readable `id` either.
        case undecodableWithoutID
    }

    private struct Rule {
        var remaining: Int
        var action: @Sendable () async throws -> Void
    }

    private struct State {
        var instances: [InstanceID: StoredInstance] = [:]
        var feeds: [AppID: [CloudEvent]] = [:]
        /// Events served as items that do not decode, by event id.
        var brokenEvents: [String: Listing] = [:]
        /// Pages of more events than this are too large to read (the client's body limit).
        var largestReadablePage = Int.max
        var rules: [Operation: [Rule]] = [:]
        var calls: [Call] = []
        var nextEventNumber = 1
        var nextInstanceNumber = 1
    }

    private let state = Mutex(State())

    // MARK: Setting up

    /// Adds an instance of `app` with `elements` (by default a form and a PDF whose bytes differ per instance)
    /// and returns its id.
    @discardableResult
    func addInstance(
        app: AppID, ended: Bool = true, confirmedBy: [String] = [], elements: [Element]? = nil
    ) throws -> InstanceID {
        let number = state.withLock { state in
            defer { state.nextInstanceNumber += 1 }
            return state.nextInstanceNumber
        }
        let id = try InstanceID("\(Self.party)/\(String(format: "%08x-0000-4000-8000-%012x", number, number))")
        let content =
            elements ?? [
                Element(
                    id: String(format: "da7a0000-0000-4000-8000-%012x", number * 10 + 1), filename: "form.xml",
                    content: Data("<form number=\"\(number)\"/>".utf8)),
                Element(
                    id: String(format: "da7a0000-0000-4000-8000-%012x", number * 10 + 2), dataType: "ref-data-as-pdf",
                    filename: "receipt.pdf", contentType: "application/pdf",
                    content: Data((0..<(200 + number)).map { UInt8(($0 * 7 + number) % 256) })),
            ]
        state.withLock {
            $0.instances[id] = StoredInstance(
                app: app, id: id, ended: ended, confirmedBy: confirmedBy, elements: content)
        }
        return id
    }

    /// Changes an instance.
    func update(_ id: InstanceID, _ change: @Sendable (inout StoredInstance) -> Void) {
        state.withLock { state in
            guard var instance = state.instances[id] else { return }
            change(&instance)
            state.instances[id] = instance
        }
    }

    /// The instance as the fake holds it.
    func stored(_ id: InstanceID) -> StoredInstance? {
        state.withLock { $0.instances[id] }
    }

    /// Appends an event naming `instance` to `app`'s feed and returns it.
    @discardableResult
    func addEvent(
        app: AppID, instance: InstanceID, type: String = "app.instance.process.completed",
        time: String = "2026-01-01T00:00:00Z"
    ) throws -> CloudEvent {
        let timestamp = try AltinnTimestamp(time)
        return state.withLock { state in
            let event = CloudEvent(
                id: String(format: "e0e0e0e0-0000-4000-8000-%012d", state.nextEventNumber), time: timestamp,
                source: "\(Self.appsBase)/\(app)/instances/\(instance)", subject: "/party/\(instance.partyID)",
                type: type, resource: app.resourceURN, resourceinstance: instance.description)
            state.nextEventNumber += 1
            state.feeds[app, default: []].append(event)
            return event
        }
    }

    /// Serves the event `id` as an item that does not decode.
    func breakEvent(_ id: String, _ listing: Listing = .undecodable) {
        state.withLock { $0.brokenEvents[id] = listing }
    }

    /// Makes pages of more than `size` events too large for the client to read.
    func limitPageSize(to size: Int) {
        state.withLock { $0.largestReadablePage = size }
    }

    /// Appends `event` as it is to `app`'s feed.
    func append(_ event: CloudEvent, to app: AppID) {
        state.withLock { $0.feeds[app, default: []].append(event) }
    }

    /// Runs `action` before the next `times` calls of `operation` (before the fake answers); it may throw
    /// to fail the call, or sleep to slow it down. Rules run in the order added, each until used up.
    func on(_ operation: Operation, times: Int = .max, _ action: @escaping @Sendable () async throws -> Void) {
        state.withLock { $0.rules[operation, default: []].append(Rule(remaining: times, action: action)) }
    }

    /// Fails the next `times` calls of `operation` with `error`.
    func fail(_ operation: Operation, with error: any Error & Sendable, times: Int = .max) {
        on(operation, times: times) { throw error }
    }

    /// Slows every call of `operation` down by `duration`.
    func delay(_ operation: Operation, by duration: Duration) {
        on(operation) { try await Task.sleep(for: duration) }
    }

    /// Removes the scripts of `operation`: it answers normally again.
    func heal(_ operation: Operation) {
        state.withLock { $0.rules[operation] = nil }
    }

    // MARK: What happened

    /// Every call so far, in order.
    var calls: [Call] { state.withLock { $0.calls } }

    /// How many instance documents were fetched.
    var instanceFetches: Int { calls.filter { if case .instance = $0 { true } else { false } }.count }
    /// How many data elements were downloaded.
    var downloads: Int { calls.filter { if case .download = $0 { true } else { false } }.count }
    /// The instances `complete` was called for, in order.
    var completes: [String] {
        calls.compactMap { if case .complete(let id) = $0 { id } else { nil } }
    }
    /// The apps whose feed was read, in order, without repeats.
    var feedsRead: [String] {
        var apps: [String] = []
        for case .events(let app, _) in calls where !apps.contains(app) { apps.append(app) }
        return apps
    }
    /// How many query pages were fetched (first pages and `next` pages).
    var queryPages: Int {
        calls.filter {
            switch $0 {
            case .query, .queryNext: true
            default: false
            }
        }.count
    }

    /// An HTTP error status as the HTTP client reports it.
    static func status(_ status: Int, _ path: String = "/storage/api/v1/instances") -> HTTPError {
        HTTPError(code: .status, url: URL(fileURLWithPath: path), status: status)
    }

    // MARK: AltinnGateway

    func eventsPage(app: AppID, after: EventID, types: [String], size: Int) async throws -> EventsPage {
        log(.events(app: app.description, after: after.description))
        try await runRules(.events(app), as: .feed)
        return try state.withLock { state in
            let feed = (state.feeds[app] ?? []).filter { event in
                types.contains { $0 == event.type || ($0.hasSuffix("%") && event.type.hasPrefix($0.dropLast())) }
            }
            // An unknown cursor reads from the oldest event, as Altinn does.
            let start = feed.firstIndex { $0.id == after.description }.map { $0 + 1 } ?? 0
            let events = feed[start...].prefix(size)
            guard events.count <= state.largestReadablePage else {
                throw AltinnError(.feed, .oversized, "the response body exceeds the limit")
            }
            return EventsPage(
                items: events.map { event in
                    switch state.brokenEvents[event.id] {
                    case nil, .valid: .valid(event)
                    case .undecodable: .invalid(id: event.id, reason: "required field 'type' is missing")
                    case .undecodableWithoutID: .invalid(id: nil, reason: "at id: expected String")
                    }
                })
        }
    }

    func eventsPage(app: AppID, from: AltinnTimestamp, types: [String], size: Int) async throws -> EventsPage {
        log(.events(app: app.description, after: "from \(from.text)"))
        try await runRules(.events(app), as: .feed)
        return state.withLock { state in
            let feed = (state.feeds[app] ?? []).filter { event in
                types.contains { $0 == event.type } && (event.time.map { $0.date >= from.date } ?? true)
            }
            return EventsPage(events: Array(feed.prefix(size)))
        }
    }

    func app(of instance: InstanceID) async throws -> AppID {
        log(.instance(instance.description))
        try await runRules(.instance(instance), as: .fetch)
        return try existing(instance, as: .fetch).app
    }

    func instance(app: AppID, id: InstanceID, from source: DownloadSource) async throws -> FetchedInstance {
        log(.instance(id.description))
        try await runRules(.instance(id), as: .fetch)
        let instance = try existing(id, as: .fetch)
        var document = try AltinnJSON.encode(Self.document(instance))
        if !instance.omittedMembers.isEmpty,
            var object = try JSONSerialization.jsonObject(with: document) as? [String: Any]
        {
            for member in instance.omittedMembers { object[member] = nil }
            document = try JSONSerialization.data(withJSONObject: object)
        }
        do {
            return FetchedInstance(instance: try AltinnJSON.decode(Instance.self, from: document), document: document)
        } catch {
            throw AltinnError(.fetch, error)
        }
    }

    func download(
        app: AppID, id: InstanceID, element: DataElementID, from source: DownloadSource, to path: String
    ) async throws -> HTTPDownload {
        log(.download(instance: id.description, element: element.description))
        try await runRules(.download(id), as: .download)
        let instance = try existing(id, as: .download)
        guard let stored = instance.elements.first(where: { $0.id == element.description }) else {
            throw AltinnError(.download, Self.status(404, "/storage/api/v1/instances/\(id)/data/\(element)"))
        }
        guard FileManager.default.createFile(atPath: path, contents: stored.content) else {
            throw CocoaError(.fileWriteUnknown)
        }
        return HTTPDownload(
            status: 200, headers: [:], byteCount: Int64(stored.content.count),
            sha256: SHA256Digest.hex(of: stored.content),
            url: URL(fileURLWithPath: "/storage/api/v1/instances/\(id)/data/\(element)"))
    }

    func complete(app: AppID, id: InstanceID, via source: DownloadSource) async throws -> Instance {
        log(.complete(id.description))
        try await runRules(.complete(id), as: .confirm)
        let instance = try state.withLock { state throws -> StoredInstance in
            guard var instance = state.instances[id], !instance.deleted else {
                throw AltinnError(.confirm, Self.status(404, "/storage/api/v1/instances/\(id)/complete"))
            }
            if !instance.ignoresComplete, !instance.confirmedBy.contains(Self.org) {
                instance.confirmedBy.append(Self.org)
                state.instances[id] = instance
            }
            return instance
        }
        return Self.document(instance)
    }

    func unconfirmedInstances(
        app: AppID, size: Int, changedFrom: AltinnTimestamp?, changedBefore: AltinnTimestamp?
    ) async throws -> InstancesPage {
        log(.query(app: app.description, changedFrom: changedFrom?.text, changedBefore: changedBefore?.text))
        try await runRules(.query(app), as: .query)
        return queryPage(app: app, after: nil, size: size)
    }

    func unconfirmedInstances(next: String) async throws -> InstancesPage {
        log(.queryNext(next))
        let parts = next.split(separator: " ").map(String.init)
        guard parts.count == 3, let app = try? AppID(parts[0]), let size = Int(parts[2]) else {
            throw AltinnError(.query, Self.status(400))
        }
        try await runRules(.query(app), as: .query)
        return queryPage(app: app, after: parts[1], size: size)
    }

    // MARK: Inside

    /// A page of the query; `next` continues after the page's last instance (keyset paging, as Storage's
    /// continuation token does), so instances confirmed meanwhile do not shift later pages.
    private func queryPage(app: AppID, after: String?, size: Int) -> InstancesPage {
        let all = state.withLock { state in
            state.instances.values.filter { instance in
                instance.app == app && instance.ended && !instance.deleted
                    && !instance.confirmedBy.contains(Self.org)
                    && (after.map { instance.id.description > $0 } ?? true)
            }
            .sorted { $0.id.description < $1.id.description }
        }
        let page = all.prefix(size)
        let next = page.count < all.count ? page.last.map { "\(app) \($0.id) \(size)" } : nil
        return InstancesPage(
            items: page.map { instance in
                switch instance.inQuery {
                case .valid: .valid(InstanceSummary(id: instance.id.description))
                case .undecodable: .invalid(id: instance.id.description, reason: "at [0]: expected a dictionary")
                case .undecodableWithoutID: .invalid(id: nil, reason: "at id: expected String")
                }
            }, next: next)
    }

    private func existing(_ id: InstanceID, as operation: AltinnError.Operation) throws -> StoredInstance {
        guard let instance = state.withLock({ $0.instances[id] }), !instance.deleted else {
            throw AltinnError(operation, Self.status(404, "/storage/api/v1/instances/\(id)"))
        }
        return instance
    }

    private func log(_ call: Call) {
        state.withLock { $0.calls.append(call) }
    }

    /// Runs the first rule of `operation` not used up (a rule for the instance before one for every instance).
    /// An `HTTPError` or `AltinnAPIError` it throws reaches the engine as the `AltinnError` of `kind`, as the
    /// real client turns them.
    private func runRules(_ operation: Operation, as kind: AltinnError.Operation) async throws {
        var keys = [operation]
        switch operation {
        case .instance(.some): keys.append(.instance(nil))
        case .download(.some): keys.append(.download(nil))
        case .complete(.some): keys.append(.complete(nil))
        default: break
        }
        let action = state.withLock { state -> (@Sendable () async throws -> Void)? in
            for key in keys {
                guard var rules = state.rules[key], let index = rules.firstIndex(where: { $0.remaining > 0 }) else {
                    continue
                }
                rules[index].remaining -= 1
                state.rules[key] = rules
                return rules[index].action
            }
            return nil
        }
        do {
            try await action?()
        } catch let error as HTTPError {
            throw AltinnError(kind, error)
        } catch let error as AltinnAPIError {
            throw AltinnError(kind, error)
        }
    }

    /// The instance document Storage would return.
    static func document(_ stored: StoredInstance) -> Instance {
        let process = ProcessState(
            started: try? AltinnTimestamp("2025-12-31T00:00:00Z"),
            ended: stored.ended ? try? AltinnTimestamp("2026-01-01T00:00:00Z") : nil)
        return Instance(
            id: stored.id.description, instanceOwner: InstanceOwner(partyId: stored.id.partyID.description),
            appId: stored.app.description, org: stored.app.org.description, process: process,
            completeConfirmations: stored.confirmedBy.isEmpty
                ? nil
                : stored.confirmedBy.map {
                    CompleteConfirmation(stakeholderId: $0, confirmedOn: try? AltinnTimestamp("2026-01-02T00:00:00Z"))
                },
            data: stored.elements.map { element in
                DataElement(
                    id: element.id, instanceGuid: stored.id.instanceGUID.description, dataType: element.dataType,
                    filename: element.filename, contentType: element.contentType,
                    size: element.declaredSize ?? Int64(element.content.count),
                    fileScanResult: element.fileScanResult)
            })
    }
}
