import Foundation
import Glibc

/// Reads the archive journal forward from an entry number, a few lines at a time, remembering where it
/// stopped: memory stays bounded however long the journal, and each byte is read once.
struct JournalTail {
    let directory: String
    private var after: UInt64
    private var segment: (name: String, first: UInt64)?
    private var offset: Int = 0
    private var partial = Data()

    /// Reads entries numbered above `after`.
    init(directory: String, after: UInt64) {
        self.directory = directory
        self.after = after
    }

    /// The entries written since the last call (complete lines only), in order.
    mutating func next(limit: Int = 256) -> [JournalEntry] {
        var entries: [JournalEntry] = []
        let decoder = JSONDecoder()
        while entries.count < limit {
            if segment == nil, !moveToSegment() { break }
            guard let current = segment else { break }
            let chunk = read(current.name, from: offset, count: 64 * 1024)
            if chunk.isEmpty {
                // The end of this segment: go on in the next one, if the journal has moved there.
                guard let next = ArchiveJournal.segments(in: directory).first(where: { $0.first > current.first })
                else {
                    break
                }
                segment = next
                offset = 0
                partial = Data()
                continue
            }
            offset += chunk.count
            partial.append(chunk)
            while let end = partial.firstIndex(of: 0x0A) {
                let line = partial[partial.startIndex..<end]
                partial = Data(partial[partial.index(after: end)...])
                if let entry = try? decoder.decode(JournalEntry.self, from: Data(line)), entry.sequence > after {
                    after = entry.sequence
                    entries.append(entry)
                }
            }
        }
        return entries
    }

    /// Starts in the segment that holds the entry after ``after``; false when the journal has none yet.
    private mutating func moveToSegment() -> Bool {
        let segments = ArchiveJournal.segments(in: directory)
        guard let start = segments.last(where: { $0.first <= after + 1 }) ?? segments.first else { return false }
        segment = start
        offset = 0
        return true
    }

    private func read(_ name: String, from offset: Int, count: Int) -> Data {
        let fd = open("\(directory)/\(name)", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return Data() }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: count)
        let read = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(offset)) }
        return read > 0 ? Data(buffer.prefix(read)) : Data()
    }
}
