/// The events read after the saved cursor, in feed order, each with the job it waits for: the cursor may
/// pass the longest prefix of events whose jobs are all settled (DESIGN.md, invariant 3), however the jobs
/// finish.
///
/// A job's events are all appended before it settles (the events path starts a new job for an instance whose
/// job has settled). Memory stays bounded by the events read and not yet passed, which the feed's read-ahead
/// and the job slots bound in turn.
struct EventCursor {
    /// A job's number in the run (``InstanceJob/number``).
    typealias JobNumber = Int

    private struct Entry {
        let position: CursorPosition
        let job: JobNumber?
    }

    /// The last position passed: saved, or to be saved.
    private(set) var position: CursorPosition?
    private var entries: [Entry] = []
    private var head = 0
    private var settled: Set<JobNumber> = []
    /// How many entries not yet passed wait for each job.
    private var waiting: [JobNumber: Int] = [:]

    /// Starts after `position` (nil: the start of the feed).
    init(after position: CursorPosition?) {
        self.position = position
    }

    /// Adds the next event of the feed; `job` is the job it waits for, or nil when it needs none (the cursor
    /// may pass it as soon as everything before it is passed).
    mutating func append(_ event: CursorPosition, waitingFor job: JobNumber?) {
        entries.append(Entry(position: event, job: job))
        if let job { waiting[job, default: 0] += 1 }
    }

    /// Marks `job` as settled: done, or recorded in the retry ledger.
    mutating func settle(_ job: JobNumber) {
        if waiting[job] != nil { settled.insert(job) }
    }

    /// Passes every event at the front whose job is settled, and returns the new position if it moved.
    mutating func advance() -> CursorPosition? {
        var moved: CursorPosition?
        while head < entries.count {
            let entry = entries[head]
            if let job = entry.job {
                guard settled.contains(job) else { break }
                let left = (waiting[job] ?? 1) - 1
                if left == 0 {
                    waiting[job] = nil
                    settled.remove(job)
                } else {
                    waiting[job] = left
                }
            }
            moved = entry.position
            head += 1
        }
        if head > 64 && head * 2 > entries.count {
            entries.removeFirst(head)
            head = 0
        }
        if let moved { position = moved }
        return moved
    }

    /// Whether every event read so far is passed.
    var isCaughtUp: Bool { head == entries.count }

    /// How many events read are not yet passed.
    var unpassedCount: Int { entries.count - head }
}
