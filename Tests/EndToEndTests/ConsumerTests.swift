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

    @Test func fetchArchivesAMovedInstanceAgainWithoutConfirmingTwice() async throws {
        let e2e = try await EndToEnd.start(instances: 6)
        defer { Task { await e2e.finish() } }
        #expect(try await e2e.run(["sync"]).exitCode == 0)
        let manifests = try ArchiveAudit(archive: e2e.archive, org: "ttd").verifyEveryFolderIsComplete()
        let (id, manifest) = try #require(manifests.first)
        let folder = "\(e2e.archive)/ttd/\(manifest.appId.split(separator: "/")[1])/\(id)"
        let moved = e2e.folder.appending(path: "moved-away").path
        try FileManager.default.moveItem(atPath: folder, toPath: moved)
        let before = try ArchiveJournal.entries(in: "\(e2e.archive)/.journal", after: 0).count

        let fetch = try await e2e.run(["fetch", id])

        #expect(fetch.exitCode == 0, "\(fetch.stderr)")
        try ArchiveAudit(archive: e2e.archive, org: "ttd").verifyMatches(e2e.simulator.truth())
        let again = try ArchiveAudit(archive: e2e.archive, org: "ttd").verifyEveryFolderIsComplete()[id]
        #expect(again?.foundBy == "fetch")
        #expect(again?.confirmation?.state == .confirmed)
        #expect(e2e.simulator.ledger().completes(of: id).filter { $0.newConfirmation == true }.count == 1)
        let entries = try ArchiveJournal.entries(in: "\(e2e.archive)/.journal", after: UInt64(before))
        #expect(entries.map(\.instanceId) == [id])

        // Still in the archive: left as it is.
        let twice = try await e2e.run(["fetch", id])
        #expect(twice.exitCode == 0)
        #expect(twice.stderr.contains("in the archive already"), "\(twice.stderr)")
        // Not an instance of a configured app, or none at all: said, and the run is partial.
        let unknown = try await e2e.run(["fetch", "1/00000000-0000-4000-8000-000000000000"])
        #expect(unknown.exitCode == 3, "\(unknown.stderr)")
        #expect(try await e2e.run(["fetch", "not-an-id"]).exitCode == 64)
    }

    @Test func aRunOnATerminalShowsAProgressLineAndWithoutOneOnlyItsSummary() async throws {
        // Slow answers, so that the run lasts long enough for the line to be drawn.
        let e2e = try await EndToEnd.start(instances: 12) {
            $0.faults = [FaultRule(route: .instance, kind: .latency(milliseconds: 400))]
        }
        defer { Task { await e2e.finish() } }
        let typescript = e2e.folder.appending(path: "typescript").path
        // `script` gives the program a terminal, as an operator's shell does.
        let command = "\(EndToEnd.binary.path) sync --config \(e2e.configPath)"
        let terminal = try RunningProcess(
            executable: URL(fileURLWithPath: "/usr/bin/script"), arguments: ["-q", "-e", "-c", command, typescript],
            environment: [:], folder: e2e.folder)
        let run = await terminal.finish()
        #expect(run.exitCode == 0, "\(run.stdout)")
        let screen = try String(contentsOfFile: typescript, encoding: .utf8)
        #expect(screen.contains("\r\u{1B}[Kaltinn-sync: "), "\(screen)")
        #expect(screen.contains(" instances · "))

        // Without a terminal (cron, systemd, a pipe): no progress line, and no line per instance.
        e2e.simulator.setFaults([])
        e2e.simulator.addInstance(app: "ttd/skjema-a")
        e2e.simulator.addInstance(app: "ttd/skjema-a")
        let piped = try await e2e.run(["sync"])
        #expect(!piped.stderr.contains("\u{1B}[K"))
        #expect(piped.stderr.split(separator: "\n").count == 1, "only the summary: \(piped.stderr)")
        #expect(piped.stderr.contains("2 archived"))
    }

    @Test func aFirstRunThatStartsNowLeavesEarlierSubmissionsAloneAndTakesNewOnes() async throws {
        let e2e = try await EndToEnd.start(instances: 10)
        defer { Task { await e2e.finish() } }
        #expect(e2e.simulator.truth().instances.contains { $0.completed })

        let first = try await e2e.run(["sync", "--start-at", "now"])

        #expect(first.exitCode == 0, "\(first.stderr)")
        #expect(try ArchiveAudit(archive: e2e.archive, org: "ttd").instanceFolders().isEmpty)
        #expect(e2e.simulator.ledger().entries(.complete).isEmpty, "nothing older was confirmed")
        let status = try await e2e.run(["status"])
        #expect(status.stdout.contains("started at:"), "\(status.stdout)")

        let added = e2e.simulator.addInstance(app: "ttd/skjema-a")
        let second = try await e2e.run(["sync"])
        #expect(second.exitCode == 0, "\(second.stderr)")
        let folders = try ArchiveAudit(archive: e2e.archive, org: "ttd").instanceFolders()
        #expect(folders == ["skjema-a/\(added.partyId)/\(added.guid)"])
    }
}
