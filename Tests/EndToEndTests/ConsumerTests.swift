import AltinnAPI
import AltinnSimulator
import AltinnSync
import Foundation
import Testing

/// What the systems that read the archive get from the built program: explicit modes whatever the umask, the
/// journal, and the `onArchived` hook.
@Suite(.serialized) struct ConsumerTests {
    /// The mode of every folder and file under the archive (state and staging left out), by relative path.
    func modes(under root: String) throws -> [String: mode_t] {
        var result: [String: mode_t] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: root))
        for case let relative as String in enumerator
        where !relative.hasPrefix(".altinn-sync") && relative != ".altinn-sync.lock" {
            var info = stat()
            guard lstat("\(root)/\(relative)", &info) == 0 else { continue }
            result[relative] = info.st_mode
        }
        return result
    }

    @Test(arguments: [("077", nil as [String: String]?), ("000", ["folders": "0770", "files": "0660"])])
    func everythingInTheArchiveGetsItsModeWhateverTheUmask(umask: String, configured: [String: String]?) async throws {
        let e2e = try await EndToEnd.start(instances: 6, config: configured.map { ["archiveModes": $0] } ?? [:])
        defer { Task { await e2e.finish() } }

        let run = try await e2e.run(["sync"], umask: umask)

        #expect(run.exitCode == 0, "\(run.stderr)")
        let (folderMode, fileMode): (mode_t, mode_t) = configured == nil ? (0o750, 0o640) : (0o770, 0o660)
        let found = try modes(under: e2e.archive)
        #expect(found.keys.contains { $0.hasPrefix("ttd/") && $0.hasSuffix("manifest.json") })
        #expect(found.keys.contains { $0.hasPrefix(".journal/") })
        for (path, mode) in found {
            let isFolder = mode & S_IFMT == S_IFDIR
            #expect(mode & 0o7777 == (isFolder ? folderMode : fileMode), "\(path): \(String(mode & 0o7777, radix: 8))")
        }
    }

    @Test func theJournalListsEveryInstanceTheArchiveHoldsAndTheHookHandsEachOver() async throws {
        let e2e = try await EndToEnd.start(instances: 10)
        defer { Task { await e2e.finish() } }
        let calls = e2e.folder.appending(path: "hook-calls").path
        try e2e.editConfig { json in
            json["hooks"] = ["onArchived": ["/bin/sh", "-c", "echo \"$ALTINN_SYNC_INSTANCE_ID\" >> \(calls)"]]
        }

        let run = try await e2e.run(["sync"])

        #expect(run.exitCode == 0, "\(run.stderr)")
        let manifests = try ArchiveAudit(archive: e2e.archive, org: "ttd").verifyEveryFolderIsComplete()
        let entries = try ArchiveJournal.entries(in: "\(e2e.archive)/.journal", after: 0)
        #expect(Set(entries.map(\.instanceId)) == Set(manifests.keys))
        #expect(entries.map(\.sequence) == Array(1...UInt64(entries.count)))
        for entry in entries { #expect(manifests[entry.instanceId]?.journalSequence == entry.sequence) }
        let handed = try String(contentsOfFile: calls, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(Set(handed) == Set(manifests.keys))
        let status = try await e2e.run(["status", "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        #expect(report["hookBacklog"] as? Int == 0, "\(status.stdout)")
    }
}
