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
public final class RunLock: Sendable {
    private let descriptor: Int32
    /// The lock file's path.
    public let path: String

    /// Why the lock could not be taken.
    public enum Failure: Error, CustomStringConvertible {
        /// Another process holds it.
        case held(path: String)
        /// The lock file could not be opened.
        case unavailable(FileSystemError)

        public var description: String {
            switch self {
            case .held(let path): "another altinn-sync run holds the lock \(path); this run does nothing"
            case .unavailable(let error): "cannot open the lock file: \(error)"
            }
        }
    }

    /// Takes the lock without waiting.
    public init(path: String) throws(Failure) {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw .unavailable(FileSystemError(operation: "open", path: path)) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let held = errno == EWOULDBLOCK
            let error = FileSystemError(operation: "flock", path: path)
            close(fd)
            throw held ? .held(path: path) : .unavailable(error)
        }
        descriptor = fd
        self.path = path
    }

    deinit {
        close(descriptor)
    }
}
