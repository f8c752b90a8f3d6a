import AltinnAPI
import CurlHTTP
import Foundation
import Testing

@testable import AltinnSync

/// Every step x failure pair has exactly the verdict the table below gives: the one place that decides what
/// a failure means.
@Suite struct VerdictTests {
    typealias Failure = AltinnError.Failure

    /// The expected verdict, written out row by row, independently of the switch in ``Verdict/of(_:_:)``.
    static func expected(_ step: Verdict.Step, _ failure: Failure) -> Verdict {
        let instanceSteps: Set<Verdict.Step> = [.fetch, .download, .confirm]
        let pageSteps: Set<Verdict.Step> = [.feed, .query]
        switch failure {
        case .connectionSetup: return .run(.temporary)
        case .localDisk: return .run(.localStorage)
        case .nameRefused: return .instance(serviceTrouble: false)
        default: break
        }
        if step == .archive { return .run(.localStorage) }
        if step == .token {
            return [.unreachable, .unavailable].contains(failure) ? .run(.temporary) : .run(.authentication)
        }
        if failure == .refused { return .run(.authentication) }
        if failure == .forbidden {
            return step == .confirm || pageSteps.contains(step)
                ? .run(.authentication) : .instance(serviceTrouble: false)
        }
        if pageSteps.contains(step) {
            return [.unreachable, .unavailable].contains(failure) ? .appUnavailable : .sourceUnreadable
        }
        precondition(instanceSteps.contains(step))
        return .instance(serviceTrouble: [.unreachable, .unavailable].contains(failure))
    }

    static let pairs = Verdict.Step.allCases.flatMap { step in Failure.allCases.map { (step, $0) } }

    @Test(arguments: pairs)
    func theVerdictOfEveryStepAndFailure(step: Verdict.Step, failure: Failure) {
        #expect(Verdict.of(step, failure) == Self.expected(step, failure))
    }

    @Test func aForbiddenDataElementConcernsTheInstanceButAForbiddenConfirmationTheRun() {
        #expect(Verdict.of(.download, .forbidden) == .instance(serviceTrouble: false))
        #expect(Verdict.of(.fetch, .forbidden) == .instance(serviceTrouble: false))
        #expect(Verdict.of(.confirm, .forbidden) == .run(.authentication))
        #expect(Verdict.of(.feed, .forbidden) == .run(.authentication))
        #expect(Verdict.remedy(.confirm, .forbidden)?.contains("instances.write") == true)
        #expect(Verdict.remedy(.feed, .forbidden)?.contains("instances.read") == true)
    }

    @Test(arguments: pairs)
    func everyRunStoppingVerdictSaysWhatToDo(step: Verdict.Step, failure: Failure) {
        guard case .run = Verdict.of(step, failure), step != .token else { return }
        #expect(Verdict.remedy(step, failure) != nil, "\(step) \(failure)")
    }

    /// The client's side of the table: HTTP failures become the failure kinds the verdict is keyed by.
    @Test(arguments: [
        (401, Failure.refused), (403, .forbidden), (404, .notFound), (410, .notFound), (400, .rejected),
        (409, .rejected), (429, .unavailable), (500, .unavailable), (503, .unavailable),
    ])
    func statusesBecomeFailures(status: Int, failure: Failure) throws {
        let error = FakeAltinn.status(status)
        #expect(AltinnError(.fetch, error).failure == failure)
        #expect(AltinnError(.fetch, error).status == status)
    }

    @Test func transportFailuresBecomeFailures() {
        let url = URL(fileURLWithPath: "/x")
        let cases: [(HTTPError, Failure)] = [
            (HTTPError(code: .connectFailed, url: url), .unreachable),
            (HTTPError(code: .stalled, url: url), .unreachable),
            (HTTPError(code: .brokenReusedConnection, url: url), .unreachable),
            (HTTPError(code: .tls, url: url), .connectionSetup),
            (HTTPError(code: .proxyRefused, url: url), .connectionSetup),
            (HTTPError(code: .bodyTooLarge, url: url), .oversized),
            (HTTPError(code: .tooManyRedirects, url: url), .rejected),
            (HTTPError(code: .fileSystem, url: url, errorNumber: ENOSPC), .localDisk),
            (HTTPError(code: .fileSystem, url: url, errorNumber: ENAMETOOLONG), .nameRefused),
        ]
        for (error, failure) in cases {
            #expect(AltinnError(.download, error).failure == failure, "\(error)")
        }
    }
}
