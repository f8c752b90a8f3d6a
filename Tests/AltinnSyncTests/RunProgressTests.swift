import Testing

@testable import AltinnSync

/// The progress line's text.
@Suite struct RunProgressTests {
    @Test func theLineSaysDoneOfKnownBytesRateAndTimeLeft() {
        let snapshot = RunProgress.Snapshot(known: 1200, done: 400, bytes: 13 * 1024 * 1024)
        #expect(snapshot.line(elapsed: .seconds(10)) == "400/1200 instances · 13.0 MiB · 40/s · about 20s left")
    }

    @Test func aSlowStartShowsTheRateWithADecimalAndNothingLeftWhenDone() {
        #expect(
            RunProgress.Snapshot(known: 3, done: 1, bytes: 10).line(elapsed: .seconds(4))
                == "1/3 instances · 10 B · 0.3/s · about 8s left")
        #expect(
            RunProgress.Snapshot(known: 2, done: 2, bytes: 0).line(elapsed: .seconds(1))
                == "2/2 instances · 0 B · 2.0/s")
        #expect(RunProgress.Snapshot(known: 5, done: 0, bytes: 0).line(elapsed: .seconds(1)) == "0/5 instances · 0 B")
    }

    @Test func theRunCountsWhatItKnowsAndWhatItDid() async throws {
        let progress = RunProgress()
        let harness = try EngineHarness()
        for _ in 1...3 {
            try harness.altinn.addEvent(app: harness.app, instance: try harness.altinn.addInstance(app: harness.app))
        }
        _ = await harness.run(progress: progress)
        let (snapshot, _) = progress.snapshot
        #expect(snapshot.known == 3 && snapshot.done == 3)
        #expect(snapshot.bytes > 0)
    }
}
