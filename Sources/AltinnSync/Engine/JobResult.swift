import AltinnAPI

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What one instance job came to: an outcome to record, a failure that stops the run, or nothing (the job
/// was cancelled, or reached its first request after the deadline, and a later run does it).
enum JobResult: Sendable {
    case outcome(InstanceOutcome)
    case stop(RunAbort)
    case cancelled

    /// The result of a job that threw `error`: the verdict of ``Verdict`` for Altinn's and the disk's failures.
    init(_ error: any Error) {
        self = Self.result(of: error)
    }

    private static func result(of error: any Error) -> JobResult {
        switch error {
        case is CancellationError:
            return .cancelled
        case let failure as InstanceFailure:
            return .outcome(.failed(failure))
        case let quarantine as QuarantineReason:
            return .outcome(.quarantined(reason: quarantine.message))
        case let archived as ArchivedButUnconfirmed:
            guard case .outcome(.failed(var failure)) = result(of: archived.cause) else {
                return result(of: archived.cause)
            }
            // The files are durable; the next attempt finds them and only confirms.
            failure.message = "archived, but \(failure.message)"
            failure.archivedBytes = archived.bytes
            return .outcome(.failed(failure))
        case let error as AltinnError:
            return decide(Verdict.Step(error.operation), error.failure, "\(error)")
        case let error as FileSystemError:
            let failure: AltinnError.Failure =
                [ENAMETOOLONG, EILSEQ, EINVAL].contains(error.code) ? .nameRefused : .localDisk
            return decide(.archive, failure, "\(error)")
        case let error as StateFileError:
            return .stop(RunAbort(.localStorage, "\(error)"))
        case let error as AltinnAPIError:
            return .outcome(.failed(InstanceFailure("\(error)")))
        default:
            return .outcome(.failed(InstanceFailure("\(error)")))
        }
    }

    private static func decide(_ step: Verdict.Step, _ failure: AltinnError.Failure, _ message: String) -> JobResult {
        let text = Verdict.remedy(step, failure).map { "\(message); \($0)" } ?? message
        switch Verdict.of(step, failure) {
        case .instance(let serviceTrouble):
            return .outcome(.failed(InstanceFailure(text, isServiceTrouble: serviceTrouble)))
        case .run(let kind):
            return .stop(RunAbort(kind, text))
        case .appUnavailable, .sourceUnreadable:
            // Feed and query verdicts; an instance's own steps never get them.
            return .outcome(.failed(InstanceFailure(text)))
        }
    }
}
