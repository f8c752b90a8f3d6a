import AltinnAPI

/// What a failure means for the run: the one place that decides, keyed by the step that failed and the kind
/// of failure. Pure, and covered by a table test of every pair.
///
/// Notably the same status means different things in different steps: a 403 on a data element concerns that
/// instance (its app's policy), a 403 on `complete` or on the feed means the token lacks a scope, which
/// concerns every instance.
enum Verdict: Sendable, Equatable {
    /// The instance goes to the retry ledger and the run goes on. `serviceTrouble` when the failure tells of
    /// trouble at Altinn rather than of this instance (several in a row mean Altinn is down; see
    /// ``OutageBreaker``).
    case instance(serviceTrouble: Bool)
    /// This app's feed or query cannot be read now (network, 5xx); the other apps go on, the run exits 75.
    case appUnavailable
    /// This app's feed or query answers what the tool cannot read: reported for what it is (`status`), and the
    /// rest of the app's work goes on.
    case sourceUnreadable
    /// The run stops; the kind decides the exit code.
    case run(RunAbort.Kind)

    /// The steps of the work, each a kind of Altinn call except `archive`, the local writes.
    enum Step: String, Sendable, CaseIterable {
        case feed, fetch, download, confirm, query, token, archive

        init(_ operation: AltinnError.Operation) {
            switch operation {
            case .feed: self = .feed
            case .fetch: self = .fetch
            case .download: self = .download
            case .confirm: self = .confirm
            case .query: self = .query
            case .token: self = .token
            }
        }
    }

    /// The verdict on `failure` in `step`.
    static func of(_ step: Step, _ failure: AltinnError.Failure) -> Verdict {
        switch (step, failure) {
        case (_, .connectionSetup): .run(.temporary)
        case (_, .localDisk): .run(.localStorage)
        case (_, .nameRefused): .instance(serviceTrouble: false)
        case (.archive, _): .run(.localStorage)
        case (.token, .unreachable), (.token, .unavailable): .run(.temporary)
        case (.token, _), (_, .refused): .run(.authentication)
        case (.feed, .forbidden), (.query, .forbidden), (.confirm, .forbidden): .run(.authentication)
        case (.feed, .unreachable), (.feed, .unavailable), (.query, .unreachable), (.query, .unavailable):
            .appUnavailable
        case (.feed, _), (.query, _): .sourceUnreadable
        case (_, .unreachable), (_, .unavailable): .instance(serviceTrouble: true)
        default: .instance(serviceTrouble: false)
        }
    }

    /// What the operator can do about `failure` in `step`, when there is more to say than the failure itself.
    static func remedy(_ step: Step, _ failure: AltinnError.Failure) -> String? {
        switch (step, failure) {
        case (_, .connectionSetup):
            "check the CA bundle (http.caFile), any TLS-intercepting proxy, and the endpoints"
        case (_, .localDisk), (.archive, _):
            "check free space, permissions and the mount of the archive and state folders"
        case (_, .nameRefused):
            "the file system refuses a name made from this instance's data, so the archive may need a file system "
                + "with longer names (or Unicode names)"
        case (.token, _):
            nil
        case (_, .refused):
            "Altinn refused a freshly issued token; check that the Maskinporten client has the altinn:serviceowner "
                + "scopes and that the host clock is right"
        case (.confirm, .forbidden):
            "the Maskinporten client needs the scope altinn:serviceowner/instances.write (and the app's own write "
                + "scope if it declares apiScopes); the instance is archived and is confirmed once this is fixed"
        case (.feed, .forbidden), (.query, .forbidden):
            "the token lacks altinn:serviceowner/instances.read, or the app's policy does not grant this org access"
        case (.feed, .unreachable), (.feed, .unavailable), (.query, .unreachable), (.query, .unavailable):
            "nothing moved for this app; the next run tries again"
        case (.feed, .notFound), (.query, .notFound):
            "Altinn knows no such endpoint for this app; check the app name (apps) and the platform endpoint"
        case (.feed, .rejected), (.query, .rejected):
            "Altinn rejects the request as altinn-sync makes it; check eventTypes and the page sizes in the "
                + "configuration, and report it if they are right"
        case (.feed, _):
            "the events feed answers what altinn-sync cannot read at this cursor; reconciliation keeps archiving "
                + "this app's submissions (it runs on every sync while the feed is blocked). If it lasts, report it "
                + "to Altinn with this message"
        case (.query, _):
            "the instance query answers what altinn-sync cannot read, so this app's reconciliation is not done; it "
                + "is tried again on the next sync. If it lasts, report it to Altinn with this message"
        case (_, .forbidden):
            "the app's policy may not grant this org the action"
        default:
            nil
        }
    }
}

/// A feed or query that answers what altinn-sync cannot read (``Verdict/sourceUnreadable``): reported for
/// what it is, not as a passing problem.
struct SourceUnreadable: Error, CustomStringConvertible {
    /// What Altinn answered.
    let reason: String
    /// The kind of failure, for the remedy.
    let failure: AltinnError.Failure

    var description: String { reason }
}

extension Verdict {
    /// The error that ends a feed's or query's path when reading a page failed with `error` while `doing`
    /// something: ``RunAbort``, ``AppUnavailable`` or ``SourceUnreadable``, as the verdict says; other errors
    /// unchanged.
    static func endOfSource(_ error: any Error, doing activity: String) -> any Error {
        guard let error = error as? AltinnError else { return error }
        let step = Step(error.operation)
        let message = "\(activity): \(error)"
        let text = remedy(step, error.failure).map { "\(message); \($0)" } ?? message
        switch of(step, error.failure) {
        case .run(let kind): return RunAbort(kind, text)
        case .appUnavailable, .instance: return AppUnavailable(message: text)
        case .sourceUnreadable: return SourceUnreadable(reason: "\(error)", failure: error.failure)
        }
    }
}
