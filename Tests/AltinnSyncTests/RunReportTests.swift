import Testing

@testable import AltinnSync

@Suite struct RunReportTests {
    struct Situation: Sendable, CustomTestStringConvertible {
        var interrupted = false
        var abort: RunAbort.Kind?
        var deadline = false
        var failed = 0
        var quarantined = 0
        var stuck = 0
        var pending = 0
        var exitCode: Int32
        var result: String

        var testDescription: String {
            var parts: [String] = []
            if interrupted { parts.append("interrupted") }
            if let abort { parts.append("abort \(abort.rawValue)") }
            if deadline { parts.append("deadline") }
            if failed > 0 { parts.append("\(failed) failed") }
            if quarantined > 0 { parts.append("\(quarantined) quarantined") }
            if stuck > 0 { parts.append("\(stuck) stuck") }
            if pending > 0 { parts.append("\(pending) pending") }
            return (parts.isEmpty ? "clean" : parts.joined(separator: ", ")) + " → \(exitCode)"
        }

        var report: RunReport {
            var report = RunReport()
            report.interrupted = interrupted
            report.abort = abort.map { RunAbort($0, "it went wrong") }
            report.stoppedAtDeadline = deadline
            for index in 0..<failed {
                report.record(.failed(InstanceFailure("timeout")), instance: "1/f\(index)")
            }
            for index in 0..<quarantined {
                report.record(.quarantined(reason: "infected"), instance: "1/q\(index)")
            }
            report.stuckLedgerEntries = stuck
            report.pendingLedgerEntries = pending
            report.record(.archived(bytes: 10, confirmed: true), instance: "1/ok")
            return report
        }
    }

    static let situations: [Situation] = [
        .init(exitCode: 0, result: "success"),
        .init(pending: 4, exitCode: 0, result: "success"),
        .init(failed: 1, exitCode: 3, result: "partial"),
        .init(quarantined: 1, exitCode: 3, result: "partial"),
        .init(stuck: 2, exitCode: 3, result: "partial"),
        .init(failed: 2, stuck: 1, pending: 2, exitCode: 3, result: "partial"),
        .init(deadline: true, exitCode: 10, result: "stopped-at-deadline"),
        .init(deadline: true, failed: 3, stuck: 1, exitCode: 10, result: "stopped-at-deadline"),
        .init(abort: .authentication, exitCode: 77, result: "authentication-failed"),
        .init(abort: .temporary, exitCode: 75, result: "temporary-failure"),
        .init(abort: .localStorage, exitCode: 1, result: "failed"),
        .init(abort: .configuration, exitCode: 78, result: "configuration-invalid"),
        .init(abort: .locked, exitCode: 11, result: "locked"),
        .init(abort: .temporary, deadline: true, exitCode: 75, result: "temporary-failure"),
        .init(
            abort: .authentication, deadline: true, failed: 2, quarantined: 1, stuck: 1, exitCode: 77,
            result: "authentication-failed"),
        .init(interrupted: true, exitCode: 130, result: "interrupted"),
        .init(interrupted: true, abort: .temporary, exitCode: 130, result: "interrupted"),
        .init(
            interrupted: true, abort: .locked, deadline: true, failed: 1, stuck: 1, exitCode: 130, result: "interrupted"
        ),
        .init(interrupted: true, deadline: true, exitCode: 130, result: "interrupted"),
    ]

    @Test(arguments: situations)
    func exitCodeAndResult(_ situation: Situation) {
        let report = situation.report
        #expect(report.exitCode == situation.exitCode)
        #expect(report.result == situation.result)
    }

    @Test func theCodesAreThoseOfTheDesign() {
        #expect(ExitStatus.success == 0)
        #expect(ExitStatus.internalFailure == 1)
        #expect(ExitStatus.partial == 3)
        #expect(ExitStatus.stoppedAtDeadline == 10)
        #expect(ExitStatus.locked == 11)
        #expect(ExitStatus.usage == 64)
        #expect(ExitStatus.temporary == 75)
        #expect(ExitStatus.authentication == 77)
        #expect(ExitStatus.configuration == 78)
        #expect(ExitStatus.interrupted == 130)
    }

    @Test func recordCountsEachOutcome() {
        var report = RunReport()
        report.record(.archived(bytes: 100, confirmed: true), instance: "1/a")
        report.record(.archived(bytes: 50, confirmed: false), instance: "1/b")
        report.record(.alreadyArchived(confirmed: true), instance: "1/c")
        report.record(.alreadyArchived(confirmed: false), instance: "1/d")
        report.record(.skipped(reason: "process has not ended"), instance: "1/e")
        report.record(.failed(InstanceFailure("403")), instance: "1/f")
        report.record(.quarantined(reason: "infected"), instance: "1/g")
        report.record(.wouldArchive(elements: 2, declaredBytes: 10, wouldConfirm: true), instance: "1/h")
        report.record(.wouldArchive(elements: 1, declaredBytes: 5, wouldConfirm: false), instance: "1/i")

        #expect(report.counts.instancesArchived == 2)
        #expect(report.counts.bytesArchived == 150)
        #expect(report.counts.instancesAlreadyArchived == 2)
        #expect(report.counts.instancesConfirmed == 2)
        #expect(report.counts.instancesSkipped == 1)
        #expect(report.counts.instancesFailed == 1)
        #expect(report.quarantined.map(\.instance) == ["1/g"])
        #expect(report.wouldArchive == ["1/h", "1/i"])
        #expect(report.wouldConfirm == ["1/h"])
        #expect(report.exitCode == ExitStatus.partial)
    }

    @Test func aDryRunListsEachInstanceOnce() {
        var report = RunReport()
        for _ in 0..<3 {
            report.record(.wouldArchive(elements: 1, declaredBytes: 1, wouldConfirm: true), instance: "1/a")
            report.record(.wouldArchive(elements: 1, declaredBytes: 1, wouldConfirm: false), instance: "1/b")
        }
        #expect(report.wouldArchive == ["1/a", "1/b"])
        #expect(report.wouldConfirm == ["1/a"])
    }

    @Test func anAppWhoseFeedFailedMakesTheRunATemporaryFailure() {
        var report = RunReport()
        report.record(.archived(bytes: 1, confirmed: true), instance: "1/a")
        report.appFailures["ttd/app"] = "HTTP 503"
        report.stoppedAtDeadline = true
        #expect(report.exitCode == ExitStatus.temporary)
        report.abort = RunAbort(.authentication, "refused")
        #expect(report.exitCode == ExitStatus.authentication)
    }

    @Test func aDryRunWithNothingWrongSucceeds() {
        var report = RunReport()
        report.record(.wouldArchive(elements: 2, declaredBytes: 10, wouldConfirm: true), instance: "1/h")
        report.record(.skipped(reason: "not ended"), instance: "1/e")
        #expect(report.exitCode == ExitStatus.success)
    }
}
