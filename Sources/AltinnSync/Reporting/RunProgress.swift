import Synchronization

/// How far a running sync has come, for a live progress line: instances known (named by the pages read so far)
/// and done, and bytes archived.
///
/// Thread model: every member is read and changed under one mutex; the run writes, the progress line reads.
public final class RunProgress: Sendable {
    /// One reading.
    public struct Snapshot: Sendable, Equatable {
        /// Instances the run knows of so far (it learns of more as it reads pages).
        public var known = 0
        /// Instances handled (archived, found archived, skipped, failed or quarantined).
        public var done = 0
        /// Data bytes archived.
        public var bytes: Int64 = 0

        /// One line for a terminal: `412/1200 instances · 12.4 MiB · 38/s · about 21 s left`, given the time
        /// the run has taken.
        public func line(elapsed: Duration) -> String {
            let seconds = max(0.001, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            var parts = ["\(done)/\(known) instances", ByteCount.format(bytes)]
            let rate = Double(done) / seconds
            if done > 0 {
                parts.append(rate >= 10 ? "\(Int(rate.rounded()))/s" : "\((rate * 10).rounded() / 10)/s")
                let left = Double(known - done) / rate
                if known > done, left.isFinite {
                    parts.append("about \(DurationText.format(.seconds(Int(left.rounded(.up))))) left")
                }
            }
            return parts.joined(separator: " · ")
        }
    }

    private let state = Mutex(Snapshot())
    private let started = ContinuousClock.now

    /// An empty progress.
    public init() {}

    /// The reading now, and how long the run has taken.
    public var snapshot: (Snapshot, elapsed: Duration) {
        (state.withLock { $0 }, ContinuousClock.now - started)
    }

    func instanceKnown() {
        state.withLock { $0.known += 1 }
    }

    func instanceDone(bytes: Int64) {
        state.withLock {
            $0.done += 1
            $0.bytes += bytes
        }
    }
}
