public import AltinnAPI
public import Foundation

/// Puts finished instances into the archive so that no partial instance is ever visible.
///
/// An instance is assembled in a ``StagingFolder`` on the archive's file system; its files and folders are
/// fsync'd; then one `rename` makes the whole folder appear under `<org>/<app>/<party>/`, and the parent is
/// fsync'd so the rename survives a crash. An instance already in place is never overwritten.
public struct ArchiveWriter: Sendable {
    /// The paths.
    public let layout: ArchiveLayout
    /// The permissions of what is created.
    public let modes: ArchiveModes

    /// What ``commit(_:app:instance:instanceDocument:manifest:)`` did.
    public enum CommitOutcome: Sendable, Equatable {
        /// The instance folder was created.
        case committed
        /// The instance was already archived; the staged copy was discarded.
        case alreadyArchived
        /// Something that is not a finished instance (no manifest) is at the destination; it was left
        /// untouched and the staged copy discarded.
        case destinationOccupied(String)
    }

    /// Creates a writer over `layout` that creates folders and files with `modes`.
    public init(layout: ArchiveLayout, modes: ArchiveModes = ArchiveModes()) {
        self.layout = layout
        self.modes = modes
    }

    /// Whether the instance is archived (its folder holds a manifest).
    public func isArchived(app: AppID, instance: InstanceID) -> Bool {
        FileManager.default.fileExists(atPath: layout.manifestPath(app: app, instance: instance))
    }

    /// Creates the archive folder if it is missing, with the folder mode and group (folders above it that are
    /// missing too get 0755).
    public func prepareRoot() throws(FileSystemError) {
        for created in try DurableFile.makeDirectories(layout.root, mode: modes.folders) {
            guard created == layout.root else { continue }
            try modes.apply(to: created, isFolder: true)
        }
    }

    /// Creates a fresh staging folder for `instance`, with its `data` folder, both with the folder mode (they
    /// become the instance's folders).
    public func stage(instance: InstanceID) throws(FileSystemError) -> StagingFolder {
        try makeFolders(layout.stagingRoot, mode: 0o700)
        let folder = StagingFolder(
            path: "\(layout.stagingRoot)/\(instance.instanceGUID)-\(UUID().uuidString.lowercased())")
        do throws(FileSystemError) {
            for path in [folder.path, folder.dataPath] {
                guard mkdir(path, modes.folders) == 0 else {
                    throw FileSystemError(operation: "create folder", path: path)
                }
                try modes.apply(to: path, isFolder: true)
            }
        } catch {
            folder.discard()
            throw error
        }
        return folder
    }

    /// Makes the data files in `folder` durable, writes the instance document and manifest, makes those and
    /// the folders durable, and renames the folder into place. On failure the staging
    /// folder is removed and nothing appears in the archive. A finished instance already in place is kept
    /// (``CommitOutcome/alreadyArchived``); anything else in the way (no manifest) is kept too, and an error.
    public func commit(
        _ folder: StagingFolder, app: AppID, instance: InstanceID, instanceDocument: Data, manifest: ArchiveManifest
    ) throws(FileSystemError) -> CommitOutcome {
        do throws(FileSystemError) {
            for element in manifest.dataElements {
                try DurableFile.syncFile("\(folder.path)/\(element.path)", mode: modes.files, group: modes.group)
            }
            try DurableFile.create(
                instanceDocument, at: "\(folder.path)/\(ArchiveFiles.instance)", mode: modes.files, group: modes.group)
            try DurableFile.create(
                Self.encode(manifest), at: "\(folder.path)/\(ArchiveFiles.manifest)", mode: modes.files,
                group: modes.group)
            try DurableFile.syncDirectory(folder.dataPath)
            try DurableFile.syncDirectory(folder.path)

            let destination = layout.instanceDirectory(app: app, instance: instance)
            let parent = (destination as NSString).deletingLastPathComponent
            try makeFolders(parent, mode: modes.folders)
            switch try renameWithoutReplacing(folder.path, to: destination) {
            case .renamed:
                try DurableFile.syncDirectory(parent)
                try DurableFile.syncDirectory(layout.stagingRoot)
                return .committed
            case .destinationExists:
                folder.discard()
                // Only a finished instance counts; anything else there is not ours to vouch for (or confirm).
                return isArchived(app: app, instance: instance) ? .alreadyArchived : .destinationOccupied(destination)
            }
        } catch {
            folder.discard()
            throw error
        }
    }

    /// The manifest of an archived instance, or nil when it is not archived (or its manifest cannot be read).
    public func manifest(app: AppID, instance: InstanceID) -> ArchiveManifest? {
        guard let data = FileManager.default.contents(atPath: layout.manifestPath(app: app, instance: instance)) else {
            return nil
        }
        return try? JSONDecoder().decode(ArchiveManifest.self, from: data)
    }

    /// Replaces an archived instance's manifest with `manifest`, atomically and durably: a reader sees the old
    /// manifest or the new one, never a mix.
    public func replaceManifest(_ manifest: ArchiveManifest, app: AppID, instance: InstanceID) throws(FileSystemError) {
        try DurableFile.write(
            Self.encode(manifest), to: layout.manifestPath(app: app, instance: instance), mode: modes.files,
            group: modes.group)
    }

    /// Creates `path` and its missing parents with `mode`, and the group, whatever the umask.
    private func makeFolders(_ path: String, mode: UInt32) throws(FileSystemError) {
        for created in try DurableFile.makeDirectories(path, mode: mode, parentMode: modes.folders) {
            if let group = modes.group, lchown(created, uid_t.max, group) != 0 {
                throw FileSystemError(operation: "set the group of", path: created)
            }
        }
    }

    /// Flushes an archived instance's folder and its entry in the parent folder to stable storage.
    public func makeDurable(app: AppID, instance: InstanceID) throws(FileSystemError) {
        let folder = layout.instanceDirectory(app: app, instance: instance)
        try DurableFile.syncDirectory(folder)
        try DurableFile.syncDirectory((folder as NSString).deletingLastPathComponent)
    }

    /// Deletes staging folders left by a run that crashed or was killed, and returns how many it removed.
    /// Call only while holding the archive lock.
    public func removeLeftoverStaging() -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: layout.stagingRoot) else { return 0 }
        return names.filter { (try? FileManager.default.removeItem(atPath: "\(layout.stagingRoot)/\($0)")) != nil }
            .count
    }

    private enum RenameResult {
        case renamed
        case destinationExists
    }

    /// `rename` that never replaces an existing destination (an existing, even empty, folder is kept).
    private func renameWithoutReplacing(
        _ source: String, to destination: String
    ) throws(FileSystemError)
        -> RenameResult
    {
        var info = stat()
        if lstat(destination, &info) == 0 { return .destinationExists }
        // The archive lock excludes other writers, so nothing can create the destination between check and rename.
        guard rename(source, destination) == 0 else {
            if errno == EEXIST || errno == ENOTEMPTY { return .destinationExists }
            throw FileSystemError(operation: "rename into the archive", path: destination)
        }
        return .renamed
    }

    private static func encode(_ manifest: ArchiveManifest) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(manifest)
        } catch {
            // Strings, integers and arrays of them always encode.
            preconditionFailure("a manifest failed to encode: \(error)")
        }
    }
}
