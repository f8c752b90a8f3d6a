import AltinnAPI
import Logging

/// Reads one app's events feed one page ahead: the next page is asked for as soon as a page arrives, so the
/// instances never wait for the feed.
///
/// A page that is too large or does not decode as a whole (or holds an event without a usable id, which the
/// cursor could not pass) is asked for again with half the `size`, down to 1, so that everything before the
/// bad event is still read; the size then grows back. A page that cannot be read even one event at a time is
/// ``SourceUnreadable``.
struct EventFeed {
    let app: AppID
    let context: RunContext
    let logger: Logger
    private let fullSize: Int
    private var after: EventID
    /// Where the first page starts instead of after ``after``, until a page was read.
    private var from: AltinnTimestamp?
    private var size: Int
    private var ahead = PageReadAhead<EventsPage>()

    /// Reads `app`'s feed after `after`, or, for a first run that does not start at the beginning, from the
    /// events registered at about `from`.
    init(app: AppID, after: EventID, from: AltinnTimestamp? = nil, context: RunContext, logger: Logger) {
        self.app = app
        self.context = context
        self.logger = logger
        self.after = after
        self.from = from
        fullSize = context.configuration.eventPageSize
        size = fullSize
    }

    /// The next page, or nil when the feed is caught up (an empty page: Altinn's only such signal).
    mutating func next() async throws -> EventsPage? {
        while true {
            if !ahead.isPending { readAhead() }
            switch await ahead.take() ?? .failure(CancellationError()) {
            case .success(let page):
                guard let last = page.items.last else { return nil }
                guard let lastID = Self.cursorID(of: last), page.items.allSatisfy({ Self.cursorID(of: $0) != nil })
                else {
                    try shrink(because: "an event on the page has no usable id")
                    continue
                }
                after = lastID
                from = nil
                size = min(fullSize, size * 2)
                if !context.deadlinePassed { readAhead() }
                return page
            case .failure(let error as AltinnError) where error.failure == .oversized || error.failure == .malformed:
                try shrink(because: error.message)
            case .failure(let error):
                throw error
            }
        }
    }

    /// Stops the read ahead, if one runs.
    mutating func cancel() {
        ahead.cancel()
    }

    /// The id the cursor would take from `item`.
    static func cursorID(of item: PageItem<CloudEvent>) -> EventID? {
        switch item {
        case .valid(let event): try? event.eventID
        case .invalid(let id, _): id.flatMap { try? EventID($0) }
        }
    }

    private mutating func shrink(because reason: String) throws {
        guard size > 1 else {
            throw SourceUnreadable(
                reason: "cannot read the events feed after event \(after), even one event at a time: \(reason)",
                failure: .malformed)
        }
        size = max(1, size / 2)
        logger.notice(
            "the events page cannot be read whole; asking for fewer events",
            metadata: ["cursor.after": "\(after)", "events.size": "\(size)", "error": "\(reason)"])
    }

    private mutating func readAhead() {
        let (app, after, from, size, context) = (app, after, from, size, context)
        let types = context.configuration.eventTypes
        ahead.start {
            try await context.pageRequest {
                if let from {
                    try await context.gateway.eventsPage(app: app, from: from, types: types, size: size)
                } else {
                    try await context.gateway.eventsPage(app: app, after: after, types: types, size: size)
                }
            }
        }
    }
}
