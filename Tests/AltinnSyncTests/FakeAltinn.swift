import AltinnAPI
import AltinnSync
import CurlHTTP
import Foundation
import Synchronization

/// An in-memory Altinn behind the engine's ``AltinnGateway``: instances with their data, an events feed per
/// app, the Storage query for unconfirmed instances, scripted failures and delays per call, and a log of every
/// call the engine made. No sockets.
final class FakeAltinn: Sendable {
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

    struct Rule {
        var remaining: Int
        var action: @Sendable () async throws -> Void
    }

    struct State {
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

    let state = Mutex(State())

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
}
