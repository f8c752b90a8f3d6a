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
        var first: RunLock? = try RunLock(path: path)
        #expect(first?.path == path)
        #expect(FileManager.default.fileExists(atPath: path))

        // flock locks belong to the open file description, so a second open in this process conflicts too.
        let refused = try #require(throws: RunLock.Failure.self) { try RunLock(path: path) }
        guard case .held(let heldPath) = refused else {
            Issue.record("expected .held, got \(refused)")
            return
        }
        #expect(heldPath == path)
        #expect(refused.description.contains("another altinn-sync run holds the lock"))

        first = nil  // released by deinit
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
        guard case .held = refused else {
            Issue.record("expected .held, got \(refused)")
            return
        }
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
}
