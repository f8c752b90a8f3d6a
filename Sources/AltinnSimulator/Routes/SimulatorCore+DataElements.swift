internal import AltinnAPI

extension SimulatorCore {
    /// `GET .../instances/{partyId}/{guid}/dataelements`: Storage's `DataElementList`,
    /// `{"dataElements": [...]}`, as `DataController.GetMany` serves it: the owner gets every element,
    /// hard-deleted ones too, without self links (GetMany sets none). Party 0 is a 400; an unknown instance
    /// a 404 whose body is a JSON string.
    func dataElements(_ request: SimRequest, partyID: String, guid: String) -> SimResponse {
        let principal: AltinnPrincipal
        switch authenticate(request) {
        case .refused(let response): return response
        case .principal(let found): principal = found
        }
        guard Int(partyID) != 0 else {
            return .json(400, encoding: "Missing parameter value: instanceOwnerPartyId can not be empty")
        }
        guard let stored = stored(guid) else {
            return .json(404, encoding: "Unable to find any instance with id: \(partyID)/\(guid).")
        }
        guard isOwner(principal, of: stored) else {
            return forbidden(request, reason: "not the owner", principal: principal)
        }
        var entry = entry(.dataElementsListed, request, status: 200)
        entry.route = API.storage.rawValue
        entry.instanceID = stored.document.id
        entry.count = stored.document.data.count
        entry.clientID = principal.clientID
        record(entry)
        return storageJSON(DataElementList(dataElements: stored.document.data))
    }
}

/// Storage's `DataElementList`.
struct DataElementList: Encodable {
    let dataElements: [DataElement]
}
