import Foundation
import Synchronization
import Testing

@testable import AltinnSync

@Suite struct DurableFileTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
    }

    @Test(arguments: [mode_t(0o600), 0o640, 0o644])
    func writeCreatesTheFileWithTheModeAndNoTemporaryFile(_ mode: mode_t) throws {
        let path = folder("state.json")
        try DurableFile.write(Data("new".utf8), to: path, mode: mode)
        #expect(contents(path) == Data("new".utf8))
        #expect(permissions(path) == mode)
        #expect(tree(folder.path) == ["state.json"])
    }

    @Test func writeReplacesByRenameNeverInPlace() throws {
        let path = folder("state.json")
        let old = Data(repeating: UInt8(ascii: "o"), count: 3_000_000)
        try DurableFile.write(old, to: path, mode: 0o600)
        // A second name for the old file: if the new content were written into the same file, it would show here.
        #expect(link(path, folder("old-link")) == 0)
        let oldInode = inode(path)

        try DurableFile.write(Data("new".utf8), to: path, mode: 0o644)
        #expect(contents(path) == Data("new".utf8))
        #expect(contents(folder("old-link")) == old)
        #expect(inode(path) != oldInode)
        #expect(permissions(path) == 0o644)
        #expect(tree(folder.path) == ["old-link", "state.json"])
    }

    @Test func aReaderSeesEitherTheOldOrTheNewContentNeverAMix() async throws {
        let path = folder("metrics.prom")
        let size = 2_000_000
        let versions = [
            Data(repeating: UInt8(ascii: "a"), count: size), Data(repeating: UInt8(ascii: "b"), count: size),
        ]
        try DurableFile.write(versions[0], to: path)
        let done = StopFlag()
        let reader = Task.detached { () -> (reads: Int, torn: Int) in
            var reads = 0
            var torn = 0
            while !done.isSet || reads == 0 {
                guard let data = FileManager.default.contents(atPath: path) else {
                    torn += 1  // the file was missing: a replace must never leave a gap
                    continue
                }
                reads += 1
                if data != versions[0] && data != versions[1] { torn += 1 }
            }
            return (reads, torn)
        }
        for round in 1...30 {
            try DurableFile.write(versions[round % 2], to: path)
        }
        done.set()
        let result = await reader.value
        #expect(result.reads > 0)
        #expect(result.torn == 0)
        #expect(tree(folder.path) == ["metrics.prom"])
    }

    @Test func aFailedWriteLeavesNoTemporaryFileAndTheTargetUntouched() throws {
        // The target is a folder: the rename fails after the temporary file was written.
        try FileManager.default.createDirectory(atPath: folder("target"), withIntermediateDirectories: false)
        try put("kept", at: folder("target/inside"))
        let error = try #require(throws: FileSystemError.self) {
            try DurableFile.write(Data("new".utf8), to: folder("target"))
        }
        #expect(error.operation == "rename")
        #expect(error.code == EISDIR)
        #expect(tree(folder.path) == ["target/", "target/inside"])
        #expect(contents(folder("target/inside")) == Data("kept".utf8))
    }

    @Test func writeIntoAMissingFolderFailsWithTheReason() throws {
        let error = try #require(throws: FileSystemError.self) {
            try DurableFile.write(Data("x".utf8), to: folder("missing/state.json"))
        }
        #expect(error.code == ENOENT)
        #expect(error.reason == String(cString: strerror(ENOENT)))
        #expect(error.description.contains(folder("missing/")))
        #expect(tree(folder.path).isEmpty)
    }

    @Test func createNeverReplaces() throws {
        let path = folder("instance.json")
        try DurableFile.create(Data("first".utf8), at: path)
        #expect(contents(path) == Data("first".utf8))
        let error = try #require(throws: FileSystemError.self) {
            try DurableFile.create(Data("second".utf8), at: path)
        }
        #expect(error.code == EEXIST)
        #expect(contents(path) == Data("first".utf8))
    }

    @Test func createDoesNotFollowASymbolicLink() throws {
        try put("target", at: folder("elsewhere"))
        #expect(symlink(folder("elsewhere"), folder("link")) == 0)
        #expect(throws: FileSystemError.self) { try DurableFile.create(Data("x".utf8), at: folder("link")) }
        #expect(contents(folder("elsewhere")) == Data("target".utf8))
    }

    @Test func makeDirectoriesCreatesNestedFolders() throws {
        let path = folder("a/b/c/d")
        try DurableFile.makeDirectories(path, mode: 0o700)
        for partial in ["a", "a/b", "a/b/c", "a/b/c/d"] {
            #expect(isDirectory(folder(partial)), "\(partial)")
        }
        // The mode is the leaf's; parents stay open to readers (a state folder must not close the archive).
        #expect(permissions(folder("a/b/c/d")) == 0o700)
        for partial in ["a", "a/b", "a/b/c"] { #expect(permissions(folder(partial)) == 0o755, "\(partial)") }
        // Existing folders are fine, and keep their mode.
        try DurableFile.makeDirectories(path, mode: 0o755)
        try DurableFile.makeDirectories(folder("a/b/e"))
        #expect(permissions(folder("a/b/c/d")) == 0o700)
        #expect(isDirectory(folder("a/b/e")))
        #expect(tree(folder("a")) == ["b/", "b/c/", "b/c/d/", "b/e/"])
    }

    @Test func makeDirectoriesFollowsALinkToAFolder() throws {
        try DurableFile.makeDirectories(folder("real"))
        #expect(symlink(folder("real"), folder("linked")) == 0)
        try DurableFile.makeDirectories(folder("linked/inside"))
        #expect(isDirectory(folder("real/inside")))
    }

    @Test(arguments: ["blocker", "blocker/below", "blocker/below/deeper"])
    func makeDirectoriesFailsWhereAFileIsInTheWay(_ target: String) throws {
        try put("a file", at: folder("blocker"))
        let error = try #require(throws: FileSystemError.self) { try DurableFile.makeDirectories(folder(target)) }
        #expect(error.code == ENOTDIR)
        #expect(contents(folder("blocker")) == Data("a file".utf8))
    }

    @Test func syncDirectoryNeedsAFolder() throws {
        try DurableFile.syncDirectory(folder.path)
        try put("x", at: folder("file"))
        #expect(throws: FileSystemError.self) { try DurableFile.syncDirectory(folder("file")) }
        #expect(throws: FileSystemError.self) { try DurableFile.syncDirectory(folder("missing")) }
    }
}

/// A flag one task sets and another polls.
final class StopFlag: Sendable {
    private let value = Atomic(false)
    var isSet: Bool { value.load(ordering: .acquiring) }
    func set() { value.store(true, ordering: .releasing) }
}
