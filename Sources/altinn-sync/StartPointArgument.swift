import AltinnSync
import ArgumentParser

/// `--start-at`: `beginning`, `now` or a timestamp such as `2026-01-01T00:00:00Z`.
struct StartPointArgument: ExpressibleByArgument, Sendable {
    let point: StartPoint

    init?(argument: String) {
        guard let point = try? StartPoint(argument) else { return nil }
        self.point = point
    }

    static var defaultCompletionKind: CompletionKind { .list(["beginning", "now"]) }
}
