import AltinnSync
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The live progress line of a long run on a terminal's stderr: redrawn four times a second, cleared before
/// each log line and drawn again after it, and gone when the run ends. Shown only when stderr is a terminal
/// (never under cron or systemd), and not with `--quiet` or JSON logs.
enum ProgressLine {
    private struct State {
        /// The text on screen, when a progress line is shown.
        var shown: String?
    }

    private static let state = Mutex(State())

    /// Whether a progress line suits this process's stderr and options.
    static func wanted(quiet: Bool, format: LogFormat) -> Bool {
        !quiet && format == .text && isatty(STDERR_FILENO) == 1
    }

    /// Draws `progress` until the returned task is cancelled, then clears the line.
    static func start(_ progress: RunProgress) -> Task<Void, Never> {
        Task {
            while !Task.isCancelled {
                let (snapshot, elapsed) = progress.snapshot
                if snapshot.known > 0 { show("altinn-sync: " + snapshot.line(elapsed: elapsed)) }
                try? await Task.sleep(for: .milliseconds(250))
            }
            clear()
        }
    }

    /// Writes a log line to stderr with the progress line out of its way.
    static func writeLogLine(_ line: String) {
        state.withLock { state in
            if state.shown != nil { writeAll("\r\u{1B}[K") }
            writeAll(line)
            if let shown = state.shown { writeAll(shown) }
        }
    }

    private static func show(_ text: String) {
        state.withLock { state in
            state.shown = text
            writeAll("\r\u{1B}[K" + text)
        }
    }

    private static func clear() {
        state.withLock { state in
            if state.shown != nil { writeAll("\r\u{1B}[K") }
            state.shown = nil
        }
    }

    /// Writes `text` to stderr whole (going on after short writes), or as much as stderr takes.
    static func writeAll(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(STDERR_FILENO, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return  // stderr is gone: nothing else can be told
                }
            }
        }
    }
}
