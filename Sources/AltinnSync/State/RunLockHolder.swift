#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process holding a run lock, as it wrote itself into the lock file when it took the lock: what "another
/// run holds the lock" names, so that an operator can find that run.
///
/// The file reads `pid 1234` and `started 2026-05-01T04:05:00Z`, one per line. The kernel lock (`flock`) is
/// what excludes; this record only describes its holder.
public struct RunLockHolder: Sendable, Equatable, CustomStringConvertible {
    /// The holder's process id.
    public var pid: Int32
    /// When it took the lock.
    public var startedAt: Date

    /// A holder.
    public init(pid: Int32, startedAt: Date) {
        self.pid = pid
        self.startedAt = startedAt
    }

    /// This process, taking the lock at `now`.
    static func current(now: Date = Date()) -> RunLockHolder {
        RunLockHolder(pid: getpid(), startedAt: Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down)))
    }

    /// The lock file's contents for this holder.
    var fileContents: String {
        "pid \(pid)\nstarted \(ISOTime.string(startedAt))\n"
    }

    /// The holder a lock file names, or nil when it names none (a holder that has not written yet).
    public init?(fileContents text: String) {
        var pid: Int32?
        var startedAt: Date?
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            switch parts[0] {
            case "pid": pid = Int32(parts[1])
            case "started": startedAt = try? Date(parts[1], strategy: .iso8601)
            default: break
            }
        }
        guard let pid, pid > 0, let startedAt else { return nil }
        self.init(pid: pid, startedAt: startedAt)
    }

    public var description: String { "process \(pid), started \(ISOTime.string(startedAt))" }
}
