import AltinnAPI

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// How long an app's submissions may have waited unread in its events feed: the `cursor_lag_seconds` metric.
///
/// 0 when the run being reported read the feed to its end: an app without new submissions has no lag, however
/// old its newest event. Otherwise the time since everything was last known read: the later of when the feed
/// was last read to its end and the time of the newest event passed. So the lag grows only while events may
/// be waiting (a feed not read to its end: `--max-duration`, a blocked feed, an app Altinn did not serve),
/// which is what an alert on it should catch.
enum CursorLag {
    /// The lag of `app` at `now`, for the run that started at `runStartedAt`; nil when nothing is known yet.
    static func seconds(_ app: SyncState.AppState, runStartedAt: Date, now: Date) -> Double? {
        // The state keeps its times to the second: compare with the start to the second too.
        let start = Date(timeIntervalSince1970: runStartedAt.timeIntervalSince1970.rounded(.down))
        if let caughtUp = app.feedCaughtUpAt, caughtUp >= start { return 0 }
        let newestEvent = app.cursorEventTime.flatMap { try? AltinnTimestamp($0) }?.date
        guard let readUpTo = [app.feedCaughtUpAt, newestEvent].compactMap({ $0 }).max() else { return nil }
        return max(0, now.timeIntervalSince(readUpTo))
    }
}
