import Foundation

/// One `altinn-sync sync` run as the demo reports it: the counts from the run's metrics file (README,
/// Monitoring) and the meaning of its exit code.
struct SyncRunSummary: Equatable {
    var events = 0
    var archived = 0
    var alreadyArchived = 0
    var confirmed = 0
    var failed = 0
    var exitCode: Int32 = 0

    /// The counts of the Prometheus text `metrics` (the gauges `altinn_sync_last_run_*`) and the run's exit code.
    init(metrics: String, exitCode: Int32) {
        self.exitCode = exitCode
        for line in metrics.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let value = Double(parts[1]) else { continue }
            let count = Int(value)
            switch parts[0] {
            case "altinn_sync_last_run_events_seen": events = count
            case #"altinn_sync_last_run_instances{outcome="archived"}"#: archived = count
            case #"altinn_sync_last_run_instances{outcome="already_archived"}"#: alreadyArchived = count
            case #"altinn_sync_last_run_instances{outcome="confirmed"}"#: confirmed = count
            case #"altinn_sync_last_run_instances{outcome="failed"}"#: failed = count
            default: continue
            }
        }
    }

    /// The word for an exit code of `altinn-sync` (DESIGN.md, section 5).
    static func result(of exitCode: Int32) -> String {
        switch exitCode {
        case 0: "success"
        case 3: "partial"
        case 10: "stopped-at-deadline"
        case 11: "locked"
        case 64: "usage-error"
        case 75: "temporary-failure"
        case 77: "authentication-failed"
        case 78: "configuration-invalid"
        case 130: "interrupted"
        default: "failed, exit \(exitCode)"
        }
    }

    /// `16 events, 16 archived, 0 already archived, 16 confirmed, 0 failed (success)`.
    var text: String {
        "\(events) events, \(archived) archived, \(alreadyArchived) already archived, \(confirmed) confirmed, "
            + "\(failed) failed (\(Self.result(of: exitCode)))"
    }
}
