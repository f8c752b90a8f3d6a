import Testing

@testable import AltinnSync

/// The cursor passes only the prefix of events whose jobs are settled, however the jobs finish.
@Suite struct EventCursorTests {
    /// A feed of events arriving in pages, some naming no instance, some naming an instance whose job is still
    /// running (they join it, as the events path does), while jobs settle in random order. After every step
    /// the cursor must stand at the last event of the longest prefix whose jobs are settled.
    @Test(arguments: 1...40)
    func theCursorNeverPassesAnUnsettledEvent(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let count = Int.random(in: 1...120, using: &random)
        var jobOfEvent: [Int?] = []
        var running: [Int] = []
        var settled: Set<Int> = []
        var jobsMade = 0
        var cursor = EventCursor(after: CursorPosition(id: "saved", time: nil))
        while jobOfEvent.count < count || !running.isEmpty {
            if jobOfEvent.count < count, running.isEmpty || Bool.random(using: &random) {
                for _ in 0..<min(count - jobOfEvent.count, Int.random(in: 1...10, using: &random)) {
                    let job: Int?
                    switch Int.random(in: 0..<10, using: &random) {
                    case 0: job = nil
                    case 1 where !running.isEmpty: job = running.randomElement(using: &random)
                    default:
                        jobsMade += 1
                        running.append(jobsMade)
                        job = jobsMade
                    }
                    cursor.append(CursorPosition(id: "event-\(jobOfEvent.count)", time: nil), waitingFor: job)
                    jobOfEvent.append(job)
                }
            } else {
                let job = running.remove(at: Int.random(in: 0..<running.count, using: &random))
                settled.insert(job)
                cursor.settle(job)
            }
            _ = cursor.advance()
            var position = "saved"
            for (index, job) in jobOfEvent.enumerated() {
                if let job, !settled.contains(job) { break }
                position = "event-\(index)"
            }
            #expect(cursor.position?.id == position, "seed \(seed)")
        }
        #expect(cursor.position?.id == "event-\(count - 1)")
        #expect(cursor.isCaughtUp)
    }

    @Test func anEventOfAJobNeverSettledHoldsTheCursorForGood() {
        var cursor = EventCursor(after: nil)
        cursor.append(CursorPosition(id: "a", time: nil), waitingFor: 1)
        cursor.append(CursorPosition(id: "b", time: nil), waitingFor: 2)
        cursor.append(CursorPosition(id: "c", time: nil), waitingFor: nil)
        cursor.settle(2)
        #expect(cursor.advance() == nil)
        #expect(cursor.position == nil)
        cursor.settle(1)
        #expect(cursor.advance()?.id == "c")
    }
}
