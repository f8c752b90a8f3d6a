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

/// The kernel lock that keeps two runs from working on one state folder at once (`flock` on
/// `<stateDir>/lock`). Held until released or until the process ends, crash included.
///
/// The holder writes its process id and start time into the file (``RunLockHolder``), so that a run that
/// finds the lock held can say which process holds it and since when.
public final class RunLock: Sendable {
    private let descriptor: Int32
    /// The lock file's path.
    public let path: String

    /// Why the lock could not be taken.
    public enum Failure: Error, CustomStringConvertible {
        /// Another process holds it: the one the lock file names, when it names one.
        case held(path: String, holder: RunLockHolder?)
        /// The lock file could not be opened.
        case unavailable(FileSystemError)

        public var description: String {
            switch self {
            case .held(let path, let holder?):
                "another altinn-sync run (\(holder)) holds the lock \(path); this run does nothing"
            case .held(let path, nil):
                "another altinn-sync run holds the lock \(path) (it has not recorded its process yet); this run "
                    + "does nothing"
            case .unavailable(let error): "cannot open the lock file: \(error)"
            }
        }
    }

    /// Takes the lock without waiting, and records this process as its holder.
    public convenience init(path: String) throws(Failure) {
        try self.init(path: path, now: Date())
    }

    /// Takes the lock, and records this process as its holder, started at `now`. A lock held by a run that
    /// names itself fails at once; one held without a name is waited for a moment (up to a second): its holder
    /// is just taking it, or just released it while a process it was starting still had the file open.
    init(path: String, now: Date) throws(Failure) {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw .unavailable(FileSystemError(operation: "open", path: path)) }
        var waited = 0
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let held = errno == EWOULDBLOCK
            let error = FileSystemError(operation: "flock", path: path)
            let holder = held ? Self.readHolder(fd) : nil
            if held, holder == nil, waited < 20 {
                waited += 1
                usleep(50_000)
                continue
            }
            close(fd)
            throw held ? .held(path: path, holder: holder) : .unavailable(error)
        }
        descriptor = fd
        self.path = path
        Self.record(.current(now: now), in: fd)
    }

    /// Writes `holder` over the file's contents. Best effort: the lock holds whether or not this is written.
    private static func record(_ holder: RunLockHolder, in fd: Int32) {
        let bytes = Array(holder.fileContents.utf8)
        guard ftruncate(fd, 0) == 0 else { return }
        _ = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    /// The holder the file names.
    private static func readHolder(_ fd: Int32) -> RunLockHolder? {
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return RunLockHolder(fileContents: String(decoding: buffer.prefix(count), as: UTF8.self))
    }

    deinit {
        // Emptied before it is released, so the file names a holder only while one holds it (or crashed).
        _ = ftruncate(descriptor, 0)
        close(descriptor)
    }
}
