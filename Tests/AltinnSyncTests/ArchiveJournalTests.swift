import Foundation
import Testing

@testable import AltinnSync

/// The archive journal: numbers that only grow, lines on disk before `append` returns, segments, and a line
/// cut short by a crash removed on the next open.
@Suite struct ArchiveJournalTests {
    let folder: TemporaryFolder
    let disk = DiskWorkers(threads: 4)

    init() throws {
        folder = try TemporaryFolder()
    }

    var directory: String { folder(".journal") }

    func journal(segmentLimit: Int = ArchiveJournal.defaultSegmentLimit) throws -> ArchiveJournal {
        try ArchiveJournal(
            directory: directory, modes: ArchiveModes(), disk: disk, now: { Date() }, segmentLimit: segmentLimit)
    }

    static func draft(_ number: Int) -> JournalDraft {
        JournalDraft(
            event: .archived, app: "ttd/app", instanceId: "50001/\(number)", partyId: "50001",
            instanceGuid: "\(number)", folder: "ttd/app/50001/\(number)", confirmed: true, confirmedAt: nil,
            reason: nil)
    }

    @Test func concurrentAppendsGetEveryNumberOnceAndAreOnDiskWhenTheyReturn() async throws {
        let journal = try journal()
        defer { journal.close() }
        let directory = directory
        let numbers = try await withThrowingTaskGroup(of: [UInt64].self) { group in
            for task in 0..<40 {
                group.addTask {
                    let entries = try await journal.append([Self.draft(task * 2), Self.draft(task * 2 + 1)])
                    // Durable when append returns: a fresh reader sees the lines.
                    let onDisk = try ArchiveJournal.entries(in: directory, after: 0).map(\.sequence)
                    #expect(entries.allSatisfy { onDisk.contains($0.sequence) })
                    #expect(entries[1].sequence == entries[0].sequence + 1, "one append's entries stay together")
                    return entries.map(\.sequence)
                }
            }
            return try await group.reduce(into: [UInt64]()) { $0 += $1 }
        }
        #expect(numbers.sorted() == Array(1...80))
        let read = try ArchiveJournal.entries(in: directory, after: 0)
        #expect(read.map(\.sequence) == Array(1...80))
        #expect(Set(read.map(\.instanceId)).count == 80)
        #expect(try ArchiveJournal.entries(in: directory, after: 75).map(\.sequence) == [76, 77, 78, 79, 80])
        #expect(journal.nextSequence == 81)
    }

    @Test func numbersGoOnAfterReopeningAndInANewSegmentOnceOneIsFull() async throws {
        var journal = try self.journal(segmentLimit: 1000)
        _ = try await journal.append((1...10).map(Self.draft))
        journal.close()
        journal = try self.journal(segmentLimit: 1000)
        #expect(journal.nextSequence == 11)
        let more = try await journal.append([Self.draft(11)])
        journal.close()
        #expect(more.map(\.sequence) == [11])
        let segments = ArchiveJournal.segments(in: directory)
        #expect(segments.map(\.name) == ["00000000000000000001.jsonl", "00000000000000000011.jsonl"])
        #expect(try ArchiveJournal.entries(in: directory, after: 0).map(\.sequence) == Array(1...11))
        var tail = JournalTail(directory: directory, after: 9)
        #expect(tail.next().map(\.sequence) == [10, 11])
        #expect(tail.next().isEmpty)
    }

    @Test func aLineCutShortByACrashIsRemovedAndItsNumberUsedAgain() async throws {
        var journal = try self.journal()
        _ = try await journal.append([Self.draft(1), Self.draft(2)])
        journal.close()
        let path = "\(directory)/\(ArchiveJournal.segmentName(1))"
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"sequence":3,"time":"2026-"#.utf8))
        try handle.close()

        journal = try self.journal()
        #expect(journal.nextSequence == 3)
        _ = try await journal.append([Self.draft(3)])
        journal.close()
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(
            try ArchiveJournal.entries(in: directory, after: 0).map(\.instanceId) == ["50001/1", "50001/2", "50001/3"])
    }

    @Test func filesAndTheFolderGetTheArchiveModesWhateverTheUmask() async throws {
        let journal = try ArchiveJournal(
            directory: directory, modes: ArchiveModes(folders: 0o710, files: 0o604), disk: disk, now: { Date() })
        _ = try await journal.append([Self.draft(1)])
        journal.close()
        #expect(mode(of: directory) == 0o710)
        #expect(mode(of: "\(directory)/\(ArchiveJournal.segmentName(1))") == 0o604)
    }

    func mode(of path: String) -> mode_t {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o7777 : 0
    }
}
