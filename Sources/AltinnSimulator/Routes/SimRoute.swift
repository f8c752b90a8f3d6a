internal import AltinnAPI

/// The endpoints the simulator serves, recognised from method and path segments.
///
/// Party ids must be digits and GUIDs well-formed, as ASP.NET's `:int` and `:guid` route constraints
/// demand; anything else is ``unexpected``.
enum SimRoute: Sendable, Equatable {
    case token
    case maskinportenMetadata
    case exchange(provider: String)
    case events(org: String, app: String)
    case instanceQuery
    case storageInstance(guid: String)
    case storageData(guid: String, element: String)
    case storageDataElements(partyID: String, guid: String)
    case storageComplete(guid: String)
    case appInstance(appID: String, guid: String)
    case appData(appID: String, guid: String, element: String)
    case appComplete(appID: String, guid: String)
    case truth
    case ledger
    case addInstances
    case completeInstance(guid: String)
    case purgeEvents
    case unexpected

    /// The route of `method` and `segments`.
    init(method: String, segments: [String]) {
        self = Self.match(method: method, segments[...]) ?? .unexpected
    }

    /// The fault route the endpoint belongs to; nil for the admin endpoints and unknown paths.
    var faultRoute: FaultRoute? {
        switch self {
        case .token: .token
        case .exchange: .exchange
        case .events: .events
        case .instanceQuery: .query
        case .storageInstance, .appInstance, .storageDataElements: .instance
        case .storageData, .appData: .data
        case .storageComplete, .appComplete: .complete
        case .maskinportenMetadata, .truth, .ledger, .addInstances, .completeInstance, .purgeEvents, .unexpected: nil
        }
    }

    private static func match(method: String, _ path: ArraySlice<String>) -> SimRoute? {
        let path = Array(path)
        switch (method, path.first) {
        case ("POST", "maskinporten") where path == ["maskinporten", "token"]: return .token
        case ("GET", "maskinporten") where path == ["maskinporten", ".well-known", "oauth-authorization-server"]:
            return .maskinportenMetadata
        case ("GET", "authentication") where path.count == 5 && Array(path[0..<4]) == exchangePrefix:
            return .exchange(provider: path[4])
        case ("GET", "events") where path.count == 6 && Array(path[0..<4]) == ["events", "api", "v1", "app"]:
            return .events(org: path[4], app: path[5])
        case (_, "storage"): return storage(method: method, Array(path.dropFirst()))
        case (_, "apps"): return app(method: method, Array(path.dropFirst()))
        case ("GET", "_sim") where path == ["_sim", "truth"]: return .truth
        case ("GET", "_sim") where path == ["_sim", "ledger"]: return .ledger
        case ("POST", "_sim"): return admin(path)
        default: return nil
        }
    }

    /// The admin API's changes: `POST /_sim/instances`, `/_sim/instances/{guid}/complete`, `/_sim/events/purge`.
    private static func admin(_ path: [String]) -> SimRoute? {
        switch path.count {
        case 2 where path[1] == "instances": .addInstances
        case 3 where path[1] == "events" && path[2] == "purge": .purgeEvents
        case 4 where path[1] == "instances" && path[3] == "complete": guid(path[2]).map { .completeInstance(guid: $0) }
        default: nil
        }
    }

    private static let exchangePrefix = ["authentication", "api", "v1", "exchange"]

    private static func storage(method: String, _ path: [String]) -> SimRoute? {
        guard path.count >= 3, Array(path[0..<3]) == ["api", "v1", "instances"] else { return nil }
        let rest = Array(path.dropFirst(3))
        switch (method, rest.count) {
        case ("GET", 0): return .instanceQuery
        case ("GET", 1): return guid(rest[0]).map { .storageInstance(guid: $0) }
        default: break
        }
        guard let (guid, tail) = instance(rest) else { return nil }
        switch (method, tail.count) {
        case ("GET", 0): return .storageInstance(guid: guid)
        case ("GET", 2) where tail[0] == "data": return self.guid(tail[1]).map { .storageData(guid: guid, element: $0) }
        case ("GET", 1) where tail[0] == "dataelements": return .storageDataElements(partyID: rest[0], guid: guid)
        case ("POST", 1) where tail[0] == "complete": return .storageComplete(guid: guid)
        default: return nil
        }
    }

    private static func app(method: String, _ path: [String]) -> SimRoute? {
        guard path.count >= 3, path[2] == "instances" else { return nil }
        let appID = "\(path[0])/\(path[1])"
        guard let (guid, tail) = instance(Array(path.dropFirst(3))) else { return nil }
        switch (method, tail.count) {
        case ("GET", 0): return .appInstance(appID: appID, guid: guid)
        case ("GET", 2) where tail[0] == "data":
            return self.guid(tail[1]).map { .appData(appID: appID, guid: guid, element: $0) }
        case ("POST", 1) where tail[0] == "complete": return .appComplete(appID: appID, guid: guid)
        default: return nil
        }
    }

    /// `{partyId}/{guid}` at the front of `path`, and what follows.
    private static func instance(_ path: [String]) -> (String, [String])? {
        guard path.count >= 2, !path[0].isEmpty, path[0].utf8.allSatisfy({ (48...57).contains($0) }),
            let guid = guid(path[1])
        else { return nil }
        return (guid, Array(path.dropFirst(2)))
    }

    /// `text` as a canonical lowercase GUID.
    private static func guid(_ text: String) -> String? {
        (try? InstanceGUID(text))?.description
    }
}
