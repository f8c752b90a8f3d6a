#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A hidden folder where one instance is assembled before it is renamed into the archive.
///
/// Deleted by ``discard()`` on any failure or cancellation; after a crash, the next run removes it
/// (``ArchiveWriter/removeLeftoverStaging()``).
public struct StagingFolder: Sendable {
    /// The folder.
    public let path: String

    /// The folder for data element files.
    public var dataPath: String { "\(path)/\(ArchiveFiles.data)" }

    /// The path for a data element file named `name` (already sanitised).
    public func dataFile(_ name: String) -> String { "\(dataPath)/\(name)" }

    /// Deletes the folder and everything in it.
    public func discard() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
