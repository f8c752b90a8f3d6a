#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The permissions of everything altinn-sync creates in the archive, set explicitly whatever the process's
/// umask (README, The archive): folders 0750 and files 0640 by default, and optionally a group, so that the
/// systems reading the archive can run in that group.
public struct ArchiveModes: Sendable, Equatable {
    /// The mode of every folder created in the archive.
    public var folders: UInt32
    /// The mode of every file created in the archive.
    public var files: UInt32
    /// The group id given to what is created, when set; nil keeps the process's group.
    public var group: UInt32?

    /// Creates modes; the defaults are 0750 and 0640 and no group.
    public init(folders: UInt32 = 0o750, files: UInt32 = 0o640, group: UInt32? = nil) {
        self.folders = folders
        self.files = files
        self.group = group
    }

    /// Gives the folder or file at `path` its mode and group.
    func apply(to path: String, isFolder: Bool) throws(FileSystemError) {
        if let group, lchown(path, uid_t.max, group) != 0 {
            throw FileSystemError(operation: "set the group of", path: path)
        }
        guard chmod(path, isFolder ? folders : files) == 0 else {
            throw FileSystemError(operation: "set the mode of", path: path)
        }
    }

    /// Gives the open file `fd` (at `path`) the file mode and group.
    func apply(toFile fd: Int32, path: String) throws(FileSystemError) {
        try DurableFile.setMode(files, group: group, of: fd, path: path)
    }
}
