public import AltinnAPI

/// Where things live under the archive folder.
///
/// Finished instances are at `<root>/<org>/<app>/<partyId>/<instanceGuid>/`; everything the tool keeps
/// for itself is in hidden dot-folders beside the org folders, so a consumer scanning `<root>/<org>/` sees
/// only finished instances. Every component is a validated id, so no path can escape the root.
public struct ArchiveLayout: Sendable, Hashable {
    /// The archive folder, absolute.
    public let root: String

    /// Creates a layout rooted at `root` (an absolute path).
    public init(root: String) {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
    }

    /// The folder where instances are assembled before they are renamed into place (same file system).
    public var stagingRoot: String { "\(root)/.altinn-sync-staging" }

    /// The lock that keeps two runs from writing to one archive at once, even with different state folders.
    public var lockPath: String { "\(root)/.altinn-sync.lock" }

    /// The archive journal's folder: one JSON line per instance archived, confirmed or quarantined.
    public var journalDirectory: String { "\(root)/.journal" }

    /// The folder of an instance relative to the root, as the journal names it: `<org>/<app>/<party>/<guid>`.
    public func relativeInstanceDirectory(app: AppID, instance: InstanceID) -> String {
        "\(app.org)/\(app.app)/\(instance.partyID)/\(instance.instanceGUID)"
    }

    /// The default state folder when the configuration sets none.
    public var defaultStateDirectory: String { "\(root)/.altinn-sync" }

    /// The folder of one finished instance.
    public func instanceDirectory(app: AppID, instance: InstanceID) -> String {
        "\(root)/" + relativeInstanceDirectory(app: app, instance: instance)
    }

    /// The manifest of one finished instance; its presence means the instance is archived.
    public func manifestPath(app: AppID, instance: InstanceID) -> String {
        instanceDirectory(app: app, instance: instance) + "/" + ArchiveFiles.manifest
    }
}

/// The names of the files in an instance folder.
public enum ArchiveFiles {
    /// The instance document as received.
    public static let instance = "instance.json"
    /// What was stored and verified.
    public static let manifest = "manifest.json"
    /// The folder of data element files.
    public static let data = "data"
}
