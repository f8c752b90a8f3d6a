import Foundation
import Testing

@testable import AltinnSync

/// Path text gives what `NSString`'s path methods gave.
@Suite struct PathTextTests {
    @Test(arguments: [
        ("/a/b", "/a", "b"), ("/a", "/", "a"), ("/", "/", "/"), ("", "", ""), ("a/b/", "a", "b"),
        ("//a//b", "/a", "b"), ("/a/b/", "/a", "b"), ("a", "", "a"),
    ])
    func parentAndLastComponent(_ path: String, _ parent: String, _ last: String) {
        #expect(PathText.parent(of: path) == parent)
        #expect(PathText.lastComponent(of: path) == last)
        if path != "a" {  // NSString traps on a relative path of one component
            #expect(PathText.parent(of: path) == (path as NSString).deletingLastPathComponent)
        }
        #expect(PathText.lastComponent(of: path) == (path as NSString).lastPathComponent)
    }

    @Test(arguments: ["~", "~/archive", "~root/archive", "~no-such-user-here/archive", "/srv/~x", "relative/~"])
    func expandingTilde(_ path: String) {
        #expect(PathText.expandingTilde(path) == (path as NSString).expandingTildeInPath)
    }

    @Test func folderStatusFollowsLinks() throws {
        let folder = try TemporaryFolder()
        let file = folder.path + "/file"
        #expect(FileManager.default.createFile(atPath: file, contents: Data()))
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/link", withDestinationPath: folder.path)
        #expect(FileManager.default.folderStatus(atPath: folder.path) == (true, true))
        #expect(FileManager.default.folderStatus(atPath: folder.path + "/link") == (true, true))
        #expect(FileManager.default.folderStatus(atPath: file) == (true, false))
        #expect(FileManager.default.folderStatus(atPath: folder.path + "/absent") == (false, false))
    }
}
