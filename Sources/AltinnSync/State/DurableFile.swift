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

/// Writes files so that a crash leaves either the old or the new content, never a mix: write to a
/// temporary file in the same folder, fsync it, rename it over the target, fsync the folder.
enum DurableFile {
    /// Replaces the file at `path` with `data`, durably and atomically, with permission bits `mode` (whatever
    /// the umask) and, when given, the group `group`.
    static func write(
        _ data: Data, to path: String, mode: mode_t = 0o640, group: gid_t? = nil
    ) throws(FileSystemError) {
        let directory = PathText.parent(of: path)
        let temporary = "\(directory)/.\(PathText.lastComponent(of: path)).\(UUID().uuidString).tmp"
        do throws(FileSystemError) {
            try create(data, at: temporary, mode: mode, group: group)
            guard rename(temporary, path) == 0 else { throw FileSystemError(operation: "rename", path: path) }
        } catch {
            unlink(temporary)
            throw error
        }
        try syncDirectory(directory)
    }

    /// Writes `data` to a new file at `path` (which must not exist) with permission bits `mode` (whatever the
    /// umask) and, when given, the group `group`, and fsyncs it.
    static func create(
        _ data: Data, at path: String, mode: mode_t = 0o640, group: gid_t? = nil
    ) throws(FileSystemError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode)
        guard fd >= 0 else { throw FileSystemError(operation: "create", path: path) }
        do throws(FileSystemError) {
            try writeAll(data, to: fd, path: path)
            try setMode(mode, group: group, of: fd, path: path)
            guard fsync(fd) == 0 else { throw FileSystemError(operation: "fsync", path: path) }
        } catch {
            close(fd)
            throw error
        }
        guard close(fd) == 0 else { throw FileSystemError(operation: "close", path: path) }
    }

    /// Gives a file written earlier (and closed) the permission bits `mode` and, when given, the group
    /// `group`, and flushes it to stable storage.
    static func syncFile(_ path: String, mode: mode_t, group: gid_t? = nil) throws(FileSystemError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { throw FileSystemError(operation: "open", path: path) }
        defer { close(fd) }
        try setMode(mode, group: group, of: fd, path: path)
        guard fsync(fd) == 0 else { throw FileSystemError(operation: "fsync", path: path) }
    }

    /// Gives the open file `fd` (at `path`) the group `group`, when given, then the permission bits `mode`,
    /// whatever the umask (the group first: changing it may clear set-id bits).
    static func setMode(_ mode: mode_t, group: gid_t?, of fd: Int32, path: String) throws(FileSystemError) {
        if let group, fchown(fd, uid_t.max, group) != 0 {
            throw FileSystemError(operation: "set the group of", path: path)
        }
        guard fchmod(fd, mode) == 0 else { throw FileSystemError(operation: "set the mode of", path: path) }
    }

    /// Flushes a folder's entries (creations, renames) to stable storage.
    static func syncDirectory(_ path: String) throws(FileSystemError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw FileSystemError(operation: "open folder", path: path) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw FileSystemError(operation: "fsync folder", path: path) }
    }

    /// Creates `path` and any missing parents, fsyncing each parent whose entries changed, and returns the
    /// folders it created, outermost first. `path` gets `mode`; missing parents get `parentMode`, 0755 unless
    /// given, so that a restrictive `mode` (a state folder's 0700) never closes a shared archive folder above it
    /// to its readers. Both are set whatever the umask.
    @discardableResult
    static func makeDirectories(
        _ path: String, mode: mode_t = 0o750, parentMode: mode_t = 0o755
    ) throws(FileSystemError) -> [String] {
        var missing: [String] = []
        var current = path
        while !current.isEmpty, current != "/", !isDirectory(current) {
            missing.append(current)
            current = PathText.parent(of: current)
        }
        var created: [String] = []
        for directory in missing.reversed() {
            let folderMode = directory == path ? mode : parentMode
            if mkdir(directory, folderMode) != 0 {
                guard errno == EEXIST else { throw FileSystemError(operation: "create folder", path: directory) }
                // Something is there: fine if it is a folder (or a link to one), an error if it is a file.
                var info = stat()
                guard stat(directory, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
                    errno = ENOTDIR
                    throw FileSystemError(operation: "create folder", path: directory)
                }
            } else {
                guard chmod(directory, folderMode) == 0 else {
                    throw FileSystemError(operation: "set the mode of", path: directory)
                }
                created.append(directory)
            }
            try syncDirectory(PathText.parent(of: directory))
        }
        return created
    }

    /// Whether `path` is an existing folder (not following a final symbolic link).
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Writes all of `data` to `fd`, going on after short writes and interruptions.
    static func writeAll(_ data: Data, to fd: Int32, path: String) throws(FileSystemError) {
        let failed = data.withUnsafeBytes { bytes -> Bool in
            guard let base = bytes.baseAddress else { return false }
            var offset = 0
            while offset < bytes.count {
                #if canImport(Glibc)
                    let written = Glibc.write(fd, base + offset, bytes.count - offset)
                #else
                    let written = Darwin.write(fd, base + offset, bytes.count - offset)
                #endif
                if written < 0 {
                    if errno == EINTR { continue }
                    return true
                }
                offset += written
            }
            return false
        }
        if failed { throw FileSystemError(operation: "write", path: path) }
    }
}

/// A failed file-system call, with the system's reason.
public struct FileSystemError: Error, CustomStringConvertible, Sendable {
    /// What was attempted, e.g. `rename`.
    public var operation: String
    /// The path involved.
    public var path: String
    /// The system's reason (`strerror(errno)`).
    public var reason: String
    /// The errno value.
    public var code: Int32

    /// Captures `errno` now.
    init(operation: String, path: String) {
        self.operation = operation
        self.path = path
        code = errno
        reason = String(cString: strerror(code))
    }

    public var description: String { "\(operation) \(path): \(reason)" }
}
