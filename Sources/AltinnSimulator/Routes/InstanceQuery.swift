import Foundation

/// The parameters of Storage's instance query that the simulator honours, bound as Storage binds them.
struct InstanceQuery: Sendable {
    var org: String
    var appID: String?
    var isComplete: Bool?
    var currentTask: String?
    var excludeConfirmedBy: String?
    var confirmed: Bool?
    var isArchived: Bool?
    var isSoftDeleted: Bool?
    var isHardDeleted: Bool?
    var partyID: String?
    var lastChanged: [DateFilter] = []
    var created: [DateFilter] = []
    var descending: Bool = true
    /// Whether the instances carry their `data` (Storage's `includeDataElements`, true by default).
    var includeDataElements = true
    var size: Int = 100
    /// `lastChanged` ticks and internal id of the last row of the previous page.
    var continuation: (ticks: Int64, id: Int64)?

    /// Binds `query`; a failure is Storage's 400.
    static func parse(_ query: QueryParameters) -> Result<InstanceQuery, SimResponseError> {
        let appID = query.first("appId").flatMap { $0.isEmpty ? nil : $0 }
        guard
            let org = query.first("org").flatMap({ $0.isEmpty ? nil : $0 })
                ?? appID?.split(separator: "/").first.map(String.init)
        else { return .failure(SimResponseError(.text(400, "Org or AppId must be defined."))) }
        var result = InstanceQuery(org: org, appID: appID)
        func bool(_ name: String) -> Bool? { query.first(name).flatMap { Bool($0.lowercased()) } }
        result.isComplete = bool("process.isComplete")
        result.currentTask = query.first("process.currentTask")
        result.excludeConfirmedBy = query.first("excludeConfirmedBy").flatMap { $0.isEmpty ? nil : $0 }
        result.confirmed = bool("confirmed")
        result.isArchived = bool("status.isArchived")
        result.isSoftDeleted = bool("status.isSoftDeleted")
        result.isHardDeleted = bool("status.isHardDeleted")
        result.partyID = query.first("instanceOwner.partyId")
        result.includeDataElements = bool("includeDataElements") ?? true
        for (name, keyPath) in [("lastChanged", \InstanceQuery.lastChanged), ("created", \InstanceQuery.created)] {
            for value in query.values(name) {
                guard let filter = DateFilter(value) else {
                    return .failure(
                        SimResponseError(.text(400, "Invalid date expression: \(value) for query key: \(name)")))
                }
                result[keyPath: keyPath].append(filter)
            }
        }
        if let order = query.first("order") { result.descending = order.lowercased().hasPrefix("desc:") }
        if let text = query.first("size") {
            guard let size = Int32(text.trimmingCharacters(in: .whitespaces)).map(Int.init) else {
                return .failure(SimResponseError(.validationProblem(["size": ["The value '\(text)' is not valid."]])))
            }
            result.size = size > 0 ? size : 100
        }
        if var token = query.first("continuationToken"), !token.isEmpty {
            // Query binding decoded it once; NormalizeContinuationToken decodes what is still encoded.
            if token.contains("%") { token = QueryParameters.decode(token) }
            let parts = token.split(separator: ";")
            guard parts.count == 2, let ticks = Int64(parts[0]), let id = Int64(parts[1]) else {
                return .failure(SimResponseError(.text(400, "Invalid continuation token: \(token)")))
            }
            result.continuation = (ticks, id)
        }
        return .success(result)
    }

    /// Whether `stored` passes every filter (the continuation excepted).
    func accepts(_ stored: StoredInstance) -> Bool {
        let document = stored.document
        guard document.org.lowercased() == org.lowercased() else { return false }
        if let appID, document.appId != appID { return false }
        if let isComplete {
            if isComplete ? document.process?.ended == nil : document.process?.currentTask == nil { return false }
        }
        if let currentTask, document.process?.currentTask?.elementId != currentTask { return false }
        if let excludeConfirmedBy, stored.isConfirmed(by: excludeConfirmedBy) { return false }
        if let confirmed, stored.isConfirmed(by: org) != confirmed { return false }
        let status = document.status
        if let isArchived, (status?.isArchived ?? false) != isArchived { return false }
        if let isSoftDeleted, (status?.isSoftDeleted ?? false) != isSoftDeleted { return false }
        if let isHardDeleted, (status?.isHardDeleted ?? false) != isHardDeleted { return false }
        if let partyID, stored.partyID != partyID { return false }
        if !lastChanged.allSatisfy({ $0.accepts(stored.lastChanged) }) { return false }
        if let created = document.created.flatMap({ QueryDate($0.text)?.ticks }),
            !self.created.allSatisfy({ $0.accepts(created) })
        {
            return false
        }
        return true
    }

    /// Whether `stored` comes after the continuation point, as `readinstancefromquery` tests it. For
    /// descending order the test is inconsistent with the `id ASC` tie order, as it is in Storage.
    func isAfterContinuation(_ stored: StoredInstance) -> Bool {
        guard let (ticks, id) = continuation else { return true }
        let changed = stored.lastChanged.value
        if descending {
            return changed < ticks || (changed == ticks && stored.internalID < id)
        }
        return changed > ticks || (changed == ticks && stored.internalID > id)
    }

    /// Orders by `lastChanged` (as asked) then internal id ascending.
    func precedes(_ lhs: StoredInstance, _ rhs: StoredInstance) -> Bool {
        if lhs.lastChanged != rhs.lastChanged {
            return descending ? lhs.lastChanged > rhs.lastChanged : lhs.lastChanged < rhs.lastChanged
        }
        return lhs.internalID < rhs.internalID
    }
}
