import CurlHTTP

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension AltinnEndpoints {
    /// The instance `event` is about, for `app`.
    ///
    /// The id comes from `resourceinstance` when present, else from the last two path segments of `source`
    /// after `/instances/`; when both are present they must agree. Throws
    /// ``AltinnAPIError/Code/eventForAnotherApp`` when `resource` is not `app`'s resource
    /// (`urn:altinn:resource:app_{org}_{app}`) or `source`'s path names another org or app, and
    /// ``AltinnAPIError/Code/unusableEvent`` when no valid instance id can be found. A `source` on another
    /// host than ``apps`` is reported in ``EventInstanceReference/unexpectedSourceHost``, not rejected.
    public func instanceReference(
        for event: CloudEvent, app: AppID
    ) throws(AltinnAPIError)
        -> EventInstanceReference
    {
        let eventName = "event \(QuotedValue.quote(event.id))"
        if let resource = event.resource, resource.lowercased() != app.resourceURN {
            throw AltinnAPIError(
                .eventForAnotherApp,
                "\(eventName) has resource \(QuotedValue.quote(resource)); expected \(app.resourceURN)")
        }

        let source = try event.source.map { text throws(AltinnAPIError) in
            try SourceInstancePath(text, app: app, eventName: eventName)
        }
        var unexpectedHost: String?
        if let origin = source?.origin, origin != Origin(apps) {
            unexpectedHost = origin.description
        }

        if let text = event.resourceinstance {
            let instanceID: InstanceID
            do {
                instanceID = try InstanceID(text)
            } catch {
                throw AltinnAPIError(
                    .unusableEvent,
                    "\(eventName) has resourceinstance \(QuotedValue.quote(text)); expected {partyId}/{instanceGuid}")
            }
            if let fromSource = source?.instanceID, fromSource != instanceID {
                throw AltinnAPIError(
                    .unusableEvent,
                    "\(eventName) names instance \(instanceID) in resourceinstance but \(fromSource) in source; "
                        + "expected the same instance in both")
            }
            return EventInstanceReference(
                instanceID: instanceID, field: .resourceInstance, unexpectedSourceHost: unexpectedHost)
        }
        guard let instanceID = source?.instanceID else {
            throw AltinnAPIError(
                .unusableEvent,
                "\(eventName) names no instance; expected resourceinstance {partyId}/{instanceGuid} or a source "
                    + "URL ending in /{org}/{app}/instances/{partyId}/{instanceGuid}")
        }
        return EventInstanceReference(instanceID: instanceID, field: .source, unexpectedSourceHost: unexpectedHost)
    }
}

/// What an event's `source` says: `https://{org}.apps.{host}/{org}/{app}/instances/{partyId}/{instanceGuid}`.
private struct SourceInstancePath {
    /// The source's scheme, host and port, when it is a URL.
    var origin: Origin?
    /// The instance, when the path ends in `/instances/{partyId}/{instanceGuid}` with valid ids.
    var instanceID: InstanceID?

    /// Reads `text`; throws ``AltinnAPIError/Code/eventForAnotherApp`` when its path names another app.
    init(_ text: String, app: AppID, eventName: String) throws(AltinnAPIError) {
        guard let url = URL(string: text, encodingInvalidCharacters: false),
            let components = URLComponents(url: url, resolvingAgainstBaseURL: false), url.host != nil
        else { return }
        origin = Origin(url)
        let segments = components.percentEncodedPath.split(separator: "/", omittingEmptySubsequences: false)
            .dropFirst()  // the empty segment before the leading "/"
            .map(String.init)
        guard let marker = segments.lastIndex(of: "instances") else { return }
        if marker >= 2 {
            let org = segments[marker - 2]
            let name = segments[marker - 1]
            guard org == app.org.description, name == app.app else {
                throw AltinnAPIError(
                    .eventForAnotherApp,
                    "\(eventName) has source \(QuotedValue.quote(text)) for app "
                        + "\(QuotedValue.quote("\(org)/\(name)")); expected \(app)")
            }
        }
        let tail = segments[(marker + 1)...]
        guard tail.count == 2, let party = try? PartyID(tail[tail.startIndex]),
            let guid = try? InstanceGUID(tail[tail.startIndex + 1])
        else { return }
        instanceID = InstanceID(partyID: party, instanceGUID: guid)
    }
}
