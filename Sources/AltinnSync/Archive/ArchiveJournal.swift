import Foundation
import Glibc
import Synchronization

/// The archive journal: `<archiveDir>/.journal/<first sequence, 20 digits>.jsonl`, one JSON line per instance
/// archived, confirmed or quarantined, appended and fsync'd before anyone is told (the `onArchived` hook).
///
/// Appends from all the instances of a run are committed together: one write and one fsync for every entry
/// that arrived while the previous commit ran, so the journal costs an fsync per batch rather than per instance.
/// A segment that reached its size limit (16 MiB) is closed, and the next entry starts a new one named by its
/// number. A line cut short by a crash is removed when the journal is opened again.
///
/// Thread model: `state` is read and changed under its mutex. Only one committer runs at a time (`committing`),
/// on the disk workers; it alone touches the segment's file descriptor, which `state` hands over with the batch.
public final class ArchiveJournal: Sendable {
    /// The size at which a segment is closed, by default.
    static let defaultSegmentLimit = 16 * 1024 * 1024

    private struct Waiting {
        let drafts: [JournalDraft]
        let continuation: CheckedContinuation<[JournalEntry], any Error>
    }

    private struct Segment {
        let path: String
        let descriptor: Int32
        var size: Int
    }

    private struct State {
        var next: UInt64
        var segment: Segment?
        var pending: [Waiting] = []
        var committing = false
    }

    let directory: String
    private let segmentLimit: Int
    private let modes: ArchiveModes
    private let disk: DiskWorkers
    private let now: @Sendable () -> Date
    private let appended: AsyncStream<Void>.Continuation?
    private let state: Mutex<State>

    /// Opens the journal in `directory` (created on the first append), finding the next number and removing a
    /// line a crash cut short. `appended` is told each time entries were committed.
    init(
        directory: String, modes: ArchiveModes, disk: DiskWorkers, now: @escaping @Sendable () -> Date,
        appended: AsyncStream<Void>.Continuation? = nil, segmentLimit: Int = ArchiveJournal.defaultSegmentLimit
    ) throws(FileSystemError) {
        self.directory = directory
        self.segmentLimit = segmentLimit
        self.modes = modes
        self.disk = disk
        self.now = now
        self.appended = appended
        var next: UInt64 = 1
        var segment: Segment?
        if let last = Self.segments(in: directory).last {
            let path = "\(directory)/\(last.name)"
            let fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC | O_NOFOLLOW)
            guard fd >= 0 else { throw FileSystemError(operation: "open", path: path) }
            do {
                let (size, lastSequence) = try Self.repair(fd, path: path)
                next = (lastSequence ?? (last.first - 1)) + 1
                segment = Segment(path: path, descriptor: fd, size: size)
            } catch {
                Glibc.close(fd)
                throw error
            }
        }
        state = Mutex(State(next: next, segment: segment))
    }

    /// The number the next entry gets.
    var nextSequence: UInt64 { state.withLock { $0.next } }

    /// Appends entries for `drafts`, in order, and returns them once they are durable.
    func append(_ drafts: [JournalDraft]) async throws -> [JournalEntry] {
        try await withCheckedThrowingContinuation { continuation in
            let startsCommitter = state.withLock { state in
                state.pending.append(Waiting(drafts: drafts, continuation: continuation))
                defer { state.committing = true }
                return !state.committing
            }
            if startsCommitter { disk.submit { self.commitWhilePending() } }
        }
    }

    /// Closes the open segment.
    func close() {
        state.withLock { state in
            if let segment = state.segment { _ = Glibc.close(segment.descriptor) }
            state.segment = nil
        }
    }

    // MARK: Committing (disk workers)

    private func commitWhilePending() {
        while true {
            let taken = state.withLock { state -> (batch: [Waiting], first: UInt64, segment: Segment?)? in
                guard !state.pending.isEmpty else {
                    state.committing = false
                    return nil
                }
                let batch = state.pending
                state.pending = []
                let first = state.next
                state.next += UInt64(batch.reduce(0) { $0 + $1.drafts.count })
                return (batch, first, state.segment)
            }
            guard let (batch, first, segment) = taken else { return }
            let time = ISOTime.string(now())
            var sequence = first
            var entries: [[JournalEntry]] = []
            for waiting in batch {
                entries.append(
                    waiting.drafts.map { draft in
                        defer { sequence += 1 }
                        return draft.entry(sequence, time: time)
                    })
            }
            do {
                let written = try write(entries.flatMap { $0 }, first: first, into: segment)
                state.withLock { $0.segment = written }
                for (waiting, made) in zip(batch, entries) { waiting.continuation.resume(returning: made) }
                appended?.yield()
            } catch {
                // The numbers stay taken: a gap is harmless to a reader, a number used twice is not.
                for waiting in batch { waiting.continuation.resume(throwing: error) }
            }
        }
    }

    /// Writes `entries` (numbered from `first`) to `segment`, or to a new segment when there is none or it is
    /// full, fsyncs, and returns the segment written to.
    private func write(_ entries: [JournalEntry], first: UInt64, into segment: Segment?) throws -> Segment {
        var bytes = Data()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for entry in entries {
            bytes.append(try encoder.encode(entry))
            bytes.append(0x0A)
        }
        var target: Segment
        if let segment, segment.size < segmentLimit {
            target = segment
        } else {
            if let segment { _ = Glibc.close(segment.descriptor) }
            target = try openSegment(startingAt: first)
        }
        try DurableFile.writeAll(bytes, to: target.descriptor, path: target.path)
        guard fsync(target.descriptor) == 0 else { throw FileSystemError(operation: "fsync", path: target.path) }
        target.size += bytes.count
        return target
    }

    private func openSegment(startingAt first: UInt64) throws(FileSystemError) -> Segment {
        if !DurableFile.isDirectory(directory) {
            try DurableFile.makeDirectories(directory, mode: modes.folders)
            try modes.apply(to: directory, isFolder: true)
        }
        let path = "\(directory)/\(Self.segmentName(first))"
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC | O_NOFOLLOW, modes.files)
        guard fd >= 0 else { throw FileSystemError(operation: "create", path: path) }
        do {
            try modes.apply(toFile: fd, path: path)
            try DurableFile.syncDirectory(directory)
        } catch {
            _ = Glibc.close(fd)
            throw error
        }
        return Segment(path: path, descriptor: fd, size: 0)
    }

    // MARK: Reading

    /// A segment's file name: its first number, 20 digits, so that names sort in order.
    static func segmentName(_ first: UInt64) -> String {
        let digits = String(first)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits + ".jsonl"
    }

    /// The segments in `directory`, oldest first.
    static func segments(in directory: String) -> [(name: String, first: UInt64)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.compactMap { name -> (String, UInt64)? in
            guard name.hasSuffix(".jsonl"), name.count == 26, let first = UInt64(name.prefix(20)) else { return nil }
            return (name, first)
        }
        .sorted { $0.1 < $1.1 }
    }

    /// The entries in `directory` numbered above `sequence`, in order (a line cut short at the end is left out).
    public static func entries(in directory: String, after sequence: UInt64) throws -> [JournalEntry] {
        let segments = segments(in: directory)
        var result: [JournalEntry] = []
        let decoder = JSONDecoder()
        for (index, segment) in segments.enumerated() {
            // A segment whose successor starts at or below `sequence + 1` holds nothing newer.
            if index + 1 < segments.count, segments[index + 1].first <= sequence + 1 { continue }
            let data = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(segment.name)"))
            for line in data.split(separator: 0x0A, omittingEmptySubsequences: true) {
                guard let entry = try? decoder.decode(JournalEntry.self, from: Data(line)) else { continue }
                if entry.sequence > sequence { result.append(entry) }
            }
        }
        return result
    }

    /// Removes a line a crash cut short at the end of the open segment `fd`, and returns the segment's size and
    /// the number of its last entry (nil when it has none).
    private static func repair(_ fd: Int32, path: String) throws(FileSystemError) -> (Int, UInt64?) {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileSystemError(operation: "stat", path: path) }
        let size = Int(info.st_size)
        let start = max(0, size - 64 * 1024)
        var tail = [UInt8](repeating: 0, count: size - start)
        let read = tail.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(start)) }
        guard read == tail.count else { throw FileSystemError(operation: "read", path: path) }
        var kept = size
        if let last = tail.last, last != 0x0A {
            let cut = tail.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            kept = start + cut
            guard ftruncate(fd, off_t(kept)) == 0, fsync(fd) == 0 else {
                throw FileSystemError(operation: "truncate a cut line of", path: path)
            }
            tail = Array(tail[..<cut])
        }
        let lines = tail.split(separator: 0x0A, omittingEmptySubsequences: true)
        struct Numbered: Decodable { var sequence: UInt64 }
        let last = lines.last.flatMap { try? JSONDecoder().decode(Numbered.self, from: Data($0)) }
        return (kept, last?.sequence)
    }
}
