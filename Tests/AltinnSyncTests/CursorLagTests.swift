import Foundation
import Testing

@testable import AltinnSync

/// The cursor lag counts only time in which events may have waited unread.
@Suite struct CursorLagTests {
    let runStartedAt = epoch  // 2024-05-01T10:00:00Z
    let now = epoch.addingTimeInterval(30)

    func app(caughtUp: TimeInterval?, eventTime: String?) -> SyncState.AppState {
        var app = SyncState.AppState()
        app.cursor = eventTime.map { _ in "0f8fad5b-d9cb-469f-a165-70867728950e" }
        app.cursorEventTime = eventTime
        app.feedCaughtUpAt = caughtUp.map { epoch.addingTimeInterval($0) }
        return app
    }

    @Test func aQuietAppReadToItsEndInThisRunHasNoLag() {
        // Its newest event is days old: that is no lag, only a quiet app.
        let quiet = app(caughtUp: 20, eventTime: "2024-04-29T23:23:00Z")
        #expect(CursorLag.seconds(quiet, runStartedAt: runStartedAt, now: now) == 0)
        // The state keeps times to the second: a feed read to its end in the run's first second counts.
        let sameSecond = app(caughtUp: 0, eventTime: "2024-04-29T23:23:00Z")
        #expect(CursorLag.seconds(sameSecond, runStartedAt: runStartedAt.addingTimeInterval(0.6), now: now) == 0)
    }

    @Test func aFeedNotReadToItsEndCountsFromWhenItLastWas() {
        // Read to its end an hour before this run, which stopped before the end (e.g. --max-duration).
        let behind = app(caughtUp: -3600, eventTime: "2024-04-29T23:23:00Z")
        #expect(CursorLag.seconds(behind, runStartedAt: runStartedAt, now: now) == 3630)
    }

    @Test func anEventPassedAfterTheFeedWasLastReadToItsEndCountsFromThatEvent() {
        let moving = app(caughtUp: -3600, eventTime: "2024-05-01T09:59:00Z")
        #expect(CursorLag.seconds(moving, runStartedAt: runStartedAt, now: now) == 90)
        let neverCaughtUp = app(caughtUp: nil, eventTime: "2024-05-01T09:00:00Z")
        #expect(CursorLag.seconds(neverCaughtUp, runStartedAt: runStartedAt, now: now) == 3630)
    }

    @Test func nothingKnownIsNoSample() {
        #expect(CursorLag.seconds(app(caughtUp: nil, eventTime: nil), runStartedAt: runStartedAt, now: now) == nil)
        #expect(
            CursorLag.seconds(app(caughtUp: nil, eventTime: "not a time"), runStartedAt: runStartedAt, now: now)
                == nil)
    }
}
