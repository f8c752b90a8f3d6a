import AltinnAPI
import AltinnSync
import CurlHTTP
import Foundation
import Synchronization

/// The fake's answers, as the engine asks for them.
extension FakeAltinn: AltinnGateway {
    /// The fake answers every request it is given at once: the gate alone bounds what is in flight.
    var runningRequestLimit: Int { 0 }

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
