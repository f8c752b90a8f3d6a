extension SimulatorCore {
    /// `GET .../data/{dataGuid}` on Storage or the app.
    ///
    /// Storage, and the app for binary elements: the stored bytes with the element's content type,
    /// `Content-Disposition` only for elements with a file name, no ETag. The owner gets hard-deleted
    /// elements too. The app for a form data element: the model re-serialised as content negotiation picks
    /// (``ModelFormat``), so neither the bytes nor their count are Storage's.
    func data(_ request: SimRequest, guid: String, element: String, api: API, appID: String?) -> SimResponse {
        let principal: AltinnPrincipal
        switch authenticate(request) {
        case .refused(let response): return response
        case .principal(let found): principal = found
        }
        guard let stored = stored(guid), appID == nil || appID == stored.appID else {
            let party = request.segments.dropFirst(api == .storage ? 4 : 3).first ?? ""
            return .text(404, "Unable to find any instance with id: \(party)/\(guid).")
        }
        guard isOwner(principal, of: stored) else {
            return forbidden(request, reason: "not the owner", principal: principal)
        }
        guard let metadata = stored.document.data.first(where: { $0.id == element }),
            let content = stored.contents[element]
        else { return .text(404, "Unable to find any data element with id: \(element).") }
        var response: SimResponse
        if api == .app, let model = stored.forms[element] {
            let format = ModelFormat(accept: request.headers["accept"])
            response = SimResponse(status: 200, body: .bytes(format.body(of: model)))
            response.headers.append(("Content-Type", format.contentType))
        } else {
            response = SimResponse(status: 200, body: .content(content))
            response.headers.append(("Content-Type", metadata.contentType ?? "application/octet-stream"))
            if let filename = metadata.filename {
                response.headers.append(("Content-Disposition", ContentDisposition.attachment(filename: filename)))
            }
        }
        var entry = entry(.download, request, status: 200)
        entry.route = api.rawValue
        entry.instanceID = stored.document.id
        entry.dataElementID = element
        entry.bytesExpected = response.body.count
        entry.clientID = principal.clientID
        response.download = entry
        return response
    }
}
