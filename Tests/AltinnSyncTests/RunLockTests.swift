import Foundation
import Testing

@testable import AltinnSync

/// Runs util-linux's `flock -n FILE true`: exit 0 when the lock was free, non-zero when another holds it.
private func flockFromAnotherProcess(_ path: String) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
    process.arguments = ["-n", path, "true"]
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
}

@Suite struct RunLockTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
    }

    @Test func aSecondLockIsRefusedUntilTheFirstIsReleased() throws {
        let path = folder("lock")
        let taken = Date(timeIntervalSince1970: 1_777_608_306)  // 2026-05-01T04:05:06Z
        var first: RunLock? = try RunLock(path: path, now: taken.addingTimeInterval(0.7))
        #expect(first?.path == path)
        #expect(FileManager.default.fileExists(atPath: path))

        // flock locks belong to the open file description, so a second open in this process conflicts too.
        let refused = try #require(throws: RunLock.Failure.self) { try RunLock(path: path) }
        guard case .held(let heldPath, let holder) = refused else {
            Issue.record("expected .held, got \(refused)")
            return
        }
        #expect(heldPath == path)
        // The holder wrote its process id and start time when it took the lock, and the refusal names them.
        #expect(holder == RunLockHolder(pid: getpid(), startedAt: taken))
        #expect(
            refused.description
                == "another altinn-sync run (process \(getpid()), started 2026-05-01T04:05:06Z) holds the lock "
                + "\(path); this run does nothing")

        first = nil  // released by deinit
        #expect(try String(contentsOfFile: path, encoding: .utf8).isEmpty, "a released lock names no holder")
        let second = try RunLock(path: path)
        #expect(second.path == path)
        #expect(first == nil)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/flock"), "needs util-linux flock"))
    func anotherProcessCannotTakeTheLockWhileItIsHeld() throws {
        let path = folder("lock")
        #expect(try flockFromAnotherProcess(path) == 0)  // free before
        do {
            let held = try RunLock(path: path)
            #expect(try flockFromAnotherProcess(path) != 0)
            withExtendedLifetime(held) {}
        }
        #expect(try flockFromAnotherProcess(path) == 0)  // free again after release
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/flock"), "needs util-linux flock"))
    func aLockHeldByAnotherProcessIsRefused() throws {
        let path = folder("lock")
        // The other process holds the lock for as long as `cat` reads its input, that is until the pipe closes.
        let holder = Process()
        let input = Pipe()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = [path, "cat"]  // waits for the lock, so the probes below cannot steal it
        holder.standardInput = input
        holder.standardOutput = FileHandle.nullDevice
        try holder.run()
        defer {
            try? input.fileHandleForWriting.close()
            holder.waitUntilExit()
        }
        // Wait until the other process has the lock.
        var waited = 0
        while try flockFromAnotherProcess(path) == 0 {
            waited += 1
            try #require(waited < 500, "the other process never took the lock")
            usleep(10_000)
        }
        let refused = try #require(throws: RunLock.Failure.self) { try RunLock(path: path) }
        guard case .held(_, nil) = refused else {
            Issue.record("expected .held by a holder that recorded nothing, got \(refused)")
            return
        }
        #expect(refused.description.contains("it has not recorded its process yet"), "\(refused)")
        try input.fileHandleForWriting.close()
        holder.waitUntilExit()
        #expect(holder.terminationStatus == 0)
        _ = try RunLock(path: path)
    }

    @Test func aLockInAMissingFolderIsUnavailable() throws {
        let path = folder("missing/lock")
        let failure = try #require(throws: RunLock.Failure.self) { try RunLock(path: path) }
        guard case .unavailable(let error) = failure else {
            Issue.record("expected .unavailable, got \(failure)")
            return
        }
        #expect(error.code == ENOENT)
        #expect(failure.description.contains("cannot open the lock file"))
    }

    @Test func theStoreLocksItsFolder() throws {
        let store = StateStore(directory: folder("state"))
        try store.prepare()
        let lock = try store.lock()
        #expect(lock.path == folder("state/lock"))
        #expect(throws: RunLock.Failure.self) { try store.lock() }
        withExtendedLifetime(lock) {}
    }

    @Test(arguments: ["", "pid 12\n", "started 2026-05-01T04:05:06Z\n", "pid x\nstarted 2026-05-01T04:05:06Z\n"])
    func aLockFileWithoutAFullRecordNamesNoHolder(_ text: String) {
        #expect(RunLockHolder(fileContents: text) == nil)
    }
}
