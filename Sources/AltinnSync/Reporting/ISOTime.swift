#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// Instants as ISO 8601 UTC text, e.g. `2026-11-29T06:27:39Z`: for manifests, state, logs and reports.
///
/// Format styles are values, so they are made once and shared; no formatter object is built per call.
public enum ISOTime {
    private static let seconds = Date.ISO8601FormatStyle()
    private static let milliseconds = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// `date` to the second, or to the millisecond with `fractional`.
    public static func string(_ date: Date, fractional: Bool = false) -> String {
        fractional ? date.formatted(milliseconds) : date.formatted(seconds)
    }
}
