import AltinnAPI
import Foundation
import Testing

@testable import AltinnSync

@Suite struct ArchiveWriterTests {
    let folder: TemporaryFolder
    let layout: ArchiveLayout
    let writer: ArchiveWriter
    let app: AppID
    let instance: InstanceID
    let elementID = "0d5f0a6e-7c1b-4a7e-8f0e-1b2c3d4e5f60"

    init() throws {
        folder = try TemporaryFolder()
        layout = ArchiveLayout(root: folder("archive"))
        writer = ArchiveWriter(layout: layout)
        app = try AppID("ttd/app-one")
        instance = try InstanceID("51001/3b46b1e8-2b7a-4f3c-9d62-5c1a4b7f0e21")
    }

    var orgFolder: String { layout.root + "/ttd" }
    var instanceFolder: String { layout.instanceDirectory(app: app, instance: instance) }

    /// The instance document as Altinn sent it: the archive must keep these exact bytes.
    let instanceDocument = Data(
        #"{"id":"51001/3b46b1e8-2b7a-4f3c-9d62-5c1a4b7f0e21", "appId":"ttd/app-one","note":"sp\u00e5ces   kept"}"#.utf8)

    func manifest(files: [String: Data]) -> ArchiveManifest {
        ArchiveManifest(
            toolVersion: AltinnSyncVersion.current, org: "ttd", appId: app.description,
            instanceId: instance.description, partyId: "51001", instanceGuid: "3b46b1e8-2b7a-4f3c-9d62-5c1a4b7f0e21",
            processEnded: "2024-05-01T10:00:00.1234567Z", archivedAt: "2024-05-01T10:01:00Z", foundBy: "events",
            events: [.init(id: "e-1", type: "app.instance.process.completed", time: "2024-05-01T10:00:01Z")],
            dataElements: files.keys.sorted().map { name in
                .init(
                    id: elementID, dataType: "ref-data-as-pdf", contentType: "application/pdf",
                    filename: "Kvittering.pdf",
                    size: Int64(files[name]?.count ?? 0), bytes: Int64(files[name]?.count ?? 0), sha256: "00",
                    fileScanResult: "Clean", path: "data/\(name)")
            })
    }

    /// Stages the instance with `files` written into its data folder.
    func staged(_ files: [String: Data]) throws -> StagingFolder {
        let staging = try writer.stage(instance: instance)
        for (name, data) in files {
            try DurableFile.create(data, at: staging.dataFile(name))
        }
        return staging
    }

    @Test func layoutPaths() throws {
        let layout = ArchiveLayout(root: "/srv/archive/")
        #expect(layout.root == "/srv/archive")
        #expect(
            layout.instanceDirectory(app: app, instance: instance)
                == "/srv/archive/ttd/app-one/51001/3b46b1e8-2b7a-4f3c-9d62-5c1a4b7f0e21")
        #expect(
            layout.manifestPath(app: app, instance: instance).hasSuffix(
                "/3b46b1e8-2b7a-4f3c-9d62-5c1a4b7f0e21/manifest.json"))
        // What the tool keeps for itself is hidden beside the org folders.
        #expect(layout.stagingRoot == "/srv/archive/.altinn-sync-staging")
        #expect(layout.defaultStateDirectory == "/srv/archive/.altinn-sync")
        #expect(ArchiveLayout(root: "/").root == "/")
    }

    @Test func commitProducesTheExactLayout() throws {
        let receiptName = SafeFileName.dataFileName(
            elementID: elementID, filename: "Kvittering.pdf", contentType: "application/pdf")
        let formName = SafeFileName.dataFileName(
            elementID: "7a0e1d2c-3b4a-4f5e-8d9c-0b1a2f3e4d5c", filename: nil, contentType: "application/xml")
        let files = [receiptName: Data(repeating: 0x25, count: 100_000), formName: Data("<skjema/>".utf8)]
        let staging = try staged(files)
        let manifest = manifest(files: files)

        // Before the commit, nothing is under the org folder: only the hidden staging folder exists.
        #expect(!FileManager.default.fileExists(atPath: orgFolder))
        let stagingName = (staging.path as NSString).lastPathComponent
        #expect(
            tree(layout.root)
                == [
                    ".altinn-sync-staging/", ".altinn-sync-staging/\(stagingName)/",
                    ".altinn-sync-staging/\(stagingName)/data/",
                    ".altinn-sync-staging/\(stagingName)/data/\(formName)",
                    ".altinn-sync-staging/\(stagingName)/data/\(receiptName)",
                ].sorted())
        #expect(!writer.isArchived(app: app, instance: instance))

        let outcome = try writer.commit(
            staging, app: app, instance: instance, instanceDocument: instanceDocument, manifest: manifest)
        #expect(outcome == .committed)

        #expect(
            tree(layout.root)
                == [
                    ".altinn-sync-staging/", "ttd/", "ttd/app-one/", "ttd/app-one/51001/",
                    "ttd/app-one/51001/3b46b1e8-2b7a-4f3c-9d62-5c1a4b7f0e21/",
                    "ttd/app-one/51001/3b46b1e8-2b7a-4f3c-9d62-5c1a4b7f0e21/data/",
                    "ttd/app-one/51001/3b46b1e8-2b7a-4f3c-9d62-5c1a4b7f0e21/data/\(formName)",
                    "ttd/app-one/51001/3b46b1e8-2b7a-4f3c-9d62-5c1a4b7f0e21/data/\(receiptName)",
                    "ttd/app-one/51001/3b46b1e8-2b7a-4f3c-9d62-5c1a4b7f0e21/instance.json",
                    "ttd/app-one/51001/3b46b1e8-2b7a-4f3c-9d62-5c1a4b7f0e21/manifest.json",
                ].sorted())
        #expect(receiptName == "\(elementID)-Kvittering.pdf")
        #expect(contents(instanceFolder + "/instance.json") == instanceDocument)
        for (name, data) in files {
            #expect(contents(instanceFolder + "/data/" + name) == data)
        }
        let manifestData = try #require(contents(instanceFolder + "/manifest.json"))
        #expect(try JSONDecoder().decode(ArchiveManifest.self, from: manifestData) == manifest)
        #expect(writer.isArchived(app: app, instance: instance))
    }

    @Test func committingOntoAnArchivedInstanceKeepsTheExistingFolder() throws {
        let first = ["a.pdf": Data("first".utf8)]
        let outcome = try writer.commit(
            try staged(first), app: app, instance: instance, instanceDocument: instanceDocument,
            manifest: manifest(files: first))
        #expect(outcome == .committed)
        let before = try snapshot(instanceFolder)
        let inodeBefore = inode(instanceFolder)

        let second = ["a.pdf": Data("second, different".utf8), "b.pdf": Data("more".utf8)]
        let staging = try staged(second)
        let again = try writer.commit(
            staging, app: app, instance: instance, instanceDocument: Data("{}".utf8), manifest: manifest(files: second))
        #expect(again == .alreadyArchived)
        #expect(try snapshot(instanceFolder) == before)
        #expect(inode(instanceFolder) == inodeBefore)
        #expect(!FileManager.default.fileExists(atPath: staging.path))
        #expect(tree(layout.stagingRoot).isEmpty)
    }

    @Test func somethingWithoutAManifestInTheWayIsReportedAndKept() throws {
        // Not an archived instance (no manifest): reporting it as archived would let the instance be confirmed.
        try put("someone else's", at: instanceFolder + "/notes.txt")
        let before = try snapshot(instanceFolder)
        let files = ["a.pdf": Data("a".utf8)]
        let staging = try staged(files)

        let outcome = try writer.commit(
            staging, app: app, instance: instance, instanceDocument: instanceDocument, manifest: manifest(files: files))
        #expect(outcome == .destinationOccupied(instanceFolder))
        #expect(try snapshot(instanceFolder) == before)
        #expect(!writer.isArchived(app: app, instance: instance))
        #expect(tree(layout.stagingRoot).isEmpty)
    }

    @Test func aFileInTheInstancesPlaceIsReportedAndKept() throws {
        try put("not a folder", at: instanceFolder)
        let files = ["a.pdf": Data("a".utf8)]
        let outcome = try writer.commit(
            try staged(files), app: app, instance: instance, instanceDocument: instanceDocument,
            manifest: manifest(files: files))
        #expect(outcome == .destinationOccupied(instanceFolder))
        #expect(contents(instanceFolder) == Data("not a folder".utf8))
        #expect(tree(layout.stagingRoot).isEmpty)
    }

    @Test func aFailingCommitLeavesNoFolderUnderTheOrgAndNoStaging() throws {
        // A file where the app's folder must go: the party folder cannot be created.
        try put("in the way", at: orgFolder + "/app-one")
        let files = ["a.pdf": Data("a".utf8)]
        let staging = try staged(files)
        let error = try #require(throws: FileSystemError.self) {
            try writer.commit(
                staging, app: app, instance: instance, instanceDocument: instanceDocument,
                manifest: manifest(files: files))
        }
        #expect(error.code == ENOTDIR)
        #expect(tree(orgFolder) == ["app-one"])
        #expect(!FileManager.default.fileExists(atPath: staging.path))
        #expect(tree(layout.stagingRoot).isEmpty)
        #expect(!writer.isArchived(app: app, instance: instance))
    }

    @Test func aCommitFailingBeforeTheRenameLeavesNothing() throws {
        let files = ["a.pdf": Data("a".utf8)]
        let staging = try staged(files)
        // The instance document cannot be created: something already has its name in the staging folder.
        try put("stray", at: staging.path + "/instance.json")
        let error = try #require(throws: FileSystemError.self) {
            try writer.commit(
                staging, app: app, instance: instance, instanceDocument: instanceDocument,
                manifest: manifest(files: files))
        }
        #expect(error.code == EEXIST)
        #expect(!FileManager.default.fileExists(atPath: orgFolder))
        #expect(tree(layout.stagingRoot).isEmpty)
    }

    @Test(.enabled(if: getuid() != 0, "root ignores permission bits"))
    func anUnwritableAppFolderFailsTheCommitCleanly() throws {
        try FileManager.default.createDirectory(atPath: orgFolder + "/app-one", withIntermediateDirectories: true)
        chmod(orgFolder + "/app-one", 0o500)
        defer { chmod(orgFolder + "/app-one", 0o755) }
        let files = ["a.pdf": Data("a".utf8)]
        let error = try #require(throws: FileSystemError.self) {
            try writer.commit(
                try staged(files), app: app, instance: instance, instanceDocument: instanceDocument,
                manifest: manifest(files: files))
        }
        #expect(error.code == EACCES)
        #expect(tree(orgFolder) == ["app-one/"])
        #expect(tree(layout.stagingRoot).isEmpty)
    }

    @Test func stagingFoldersAreFreshAndHidden() throws {
        let one = try writer.stage(instance: instance)
        let two = try writer.stage(instance: instance)
        #expect(one.path != two.path)
        #expect(isDirectory(one.dataPath))
        #expect(isDirectory(two.dataPath))
        #expect(one.path.hasPrefix(layout.root + "/."))
        #expect((one.path as NSString).lastPathComponent.hasPrefix(instance.instanceGUID.description))
        #expect(one.dataFile("x.pdf") == one.path + "/data/x.pdf")
        one.discard()
        #expect(!FileManager.default.fileExists(atPath: one.path))
        #expect(isDirectory(two.path))
    }

    @Test func removeLeftoverStagingRemovesEveryLeftover() throws {
        #expect(writer.removeLeftoverStaging() == 0)  // no staging folder at all yet

        let files = ["a.pdf": Data("a".utf8)]
        let kept = try writer.commit(
            try staged(files), app: app, instance: instance, instanceDocument: instanceDocument,
            manifest: manifest(files: files))
        #expect(kept == .committed)
        let archived = try snapshot(instanceFolder)

        _ = try staged(["x.pdf": Data("partial".utf8)])
        _ = try staged(["y.pdf": Data("partial".utf8)])
        try put("stray", at: layout.stagingRoot + "/.tmp-file")
        #expect(tree(layout.stagingRoot).count > 3)

        #expect(writer.removeLeftoverStaging() == 3)
        #expect(tree(layout.stagingRoot).isEmpty)
        #expect(isDirectory(layout.stagingRoot))
        #expect(try snapshot(instanceFolder) == archived)
    }

    @Test func isArchivedDependsOnTheManifest() throws {
        #expect(!writer.isArchived(app: app, instance: instance))
        try put("{}", at: instanceFolder + "/instance.json")
        try put("x", at: instanceFolder + "/data/a.pdf")
        #expect(!writer.isArchived(app: app, instance: instance))
        try put("{}", at: instanceFolder + "/manifest.json")
        #expect(writer.isArchived(app: app, instance: instance))
        let otherInstance = try InstanceID("51001/11111111-2222-4333-8444-555555555555")
        #expect(!writer.isArchived(app: app, instance: otherInstance))
        let otherApp = try AppID("ttd/app-two")
        #expect(!writer.isArchived(app: otherApp, instance: instance))
    }

    /// Every path under `root` with its bytes (nil for folders).
    func snapshot(_ root: String) throws -> [String: Data?] {
        var result: [String: Data?] = [:]
        for path in tree(root) {
            if path.hasSuffix("/") {
                result.updateValue(nil, forKey: path)
            } else {
                let data: Data = try #require(contents("\(root)/\(path)"))
                result.updateValue(data, forKey: path)
            }
        }
        return result
    }
}
