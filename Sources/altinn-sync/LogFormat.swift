import ArgumentParser

/// How log lines are written to stderr.
enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    /// One human-readable line per event.
    case text
    /// One JSON object per line, for log shippers.
    case json
}
