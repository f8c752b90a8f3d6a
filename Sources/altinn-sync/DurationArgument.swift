import AltinnSync
import ArgumentParser

/// A duration on the command line: `90s`, `15m`, `2h`, `1h30m`, or a number of seconds.
struct DurationArgument: ExpressibleByArgument, Sendable {
    let duration: Duration

    init(_ duration: Duration) {
        self.duration = duration
    }

    init?(argument: String) {
        guard let duration = DurationText.parse(argument), duration > .zero else { return nil }
        self.duration = duration
    }

    static var defaultCompletionKind: CompletionKind { .default }

    var defaultValueDescription: String { DurationText.format(duration) }
}
