#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// Writes an instance the way an app's API serves it (`InstanceResponse`, System.Text.Json), so a simulator
/// can serve both shapes from one model.
///
/// Compared with Storage's document: nulls are written, `status.readStatus` is a number,
/// `instanceOwner.party` is present (built from the owner record), `selfLinks.apps` is the app URL and
/// `selfLinks.platform` is null, and every data element links to its app URL the same way.
public struct AppInstanceEncoding: Sendable {
    /// The endpoints whose apps base the links point at.
    public let endpoints: AltinnEndpoints

    /// Creates an encoding linking to `endpoints.apps`.
    public init(endpoints: AltinnEndpoints) {
        self.endpoints = endpoints
    }

    /// `instance` with its own and its data elements' self links set as an app sets them.
    ///
    /// Throws when the instance's id, app id or a data element id is not valid.
    public func withAppSelfLinks(_ instance: Instance) throws(AltinnAPIError) -> Instance {
        let instanceID = try instance.instanceID
        let appID = try instance.appID
        var result = instance
        result.id = instanceID.description
        result.selfLinks = ResourceLinks(apps: endpoints.appInstance(appID, instanceID).absoluteString, platform: nil)
        for index in result.data.indices {
            let element = try result.data[index].dataElementID
            let url = endpoints.appData(appID, instanceID, element: element)
            result.data[index].selfLinks = ResourceLinks(apps: url.absoluteString, platform: nil)
        }
        return result
    }

    /// The app-shaped JSON of `instance`, with app self links (see ``withAppSelfLinks(_:)``).
    public func encode(_ instance: Instance) throws(AltinnAPIError) -> Data {
        try AltinnJSON.encode(withAppSelfLinks(instance), shape: .app)
    }
}
