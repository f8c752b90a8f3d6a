import AltinnAPI
import CurlHTTP
import Foundation

/// Decides whether an error concerns one instance (it goes to the retry ledger) or the whole run.
enum FailureClassifier {
    enum Verdict {
        case instance(InstanceFailure)
        case abort(RunAbort)
        case cancelled
    }

    /// The verdict for `error`, raised while `doing` (e.g. "downloading data element …").
    static func classify(_ error: any Error, doing context: String) -> Verdict {
        switch error {
        case is CancellationError:
            return .cancelled
        case let error as HTTPError:
            return classify(error, doing: context)
        case let error as AltinnAPIError:
            return .instance(InstanceFailure(.permanent, "\(context): \(error)"))
        case let error as AuthenticationError:
            return .abort(
                RunAbort(error.isTransient ? .temporary : .authentication, "\(error)", concernsEveryApp: true))
        case let error as FileSystemError:
            return classifyLocal(errorNumber: error.code, "\(context): \(error)")
        case let error as StateFileError:
            return .abort(RunAbort(.localStorage, "\(error)"))
        case let error as InstanceFailure:
            return .instance(error)
        case let error as RunAbort:
            return .abort(error)
        default:
            return .instance(InstanceFailure(.permanent, "\(context): \(error)"))
        }
    }

    /// Errors of the local file system end the run (a full or read-only disk affects every instance), except
    /// those caused by one instance's names, which stay with that instance.
    private static func classifyLocal(errorNumber: Int32?, _ message: String) -> Verdict {
        switch errorNumber {
        case ENAMETOOLONG, EILSEQ, EINVAL:
            return .instance(
                InstanceFailure(
                    .permanent,
                    "\(message); the file system refuses a name made from this instance's data, so the archive "
                        + "may need a file system with longer names (or Unicode names)"))
        default:
            return .abort(RunAbort(.localStorage, "\(message); check free space, permissions and the mount"))
        }
    }

    private static func classify(_ error: HTTPError, doing context: String) -> Verdict {
        if error.code == .fileSystem {
            return classifyLocal(errorNumber: error.errorNumber, "\(context): \(error)")
        }
        if error.code == .tls || error.code == .insecureURL {
            return .abort(
                RunAbort(
                    .temporary,
                    "\(context): \(error); check the CA bundle (http.caFile), any TLS-intercepting proxy, and the endpoints",
                    concernsEveryApp: true))
        }
        if error.code == .proxyRefused {
            return .abort(RunAbort(.temporary, "\(context): \(error)", concernsEveryApp: true))
        }
        switch error.status {
        case 401:
            return .abort(
                RunAbort(
                    .authentication,
                    "\(context): Altinn refused a freshly issued token (401); check that the Maskinporten client has the "
                        + "altinn:serviceowner scopes and that the host clock is right"))
        case 403:
            return .instance(
                InstanceFailure(
                    .permanent, "\(context): forbidden (403); the app's policy may not grant this org the action"))
        case 404, 410:
            return .instance(InstanceFailure(.permanent, "\(context): not found (\(error.status ?? 404))"))
        default:
            break
        }
        if error.isTransient || error.code == .bodyTooLarge {
            return .instance(InstanceFailure(.transient, "\(context): \(error)", isServiceTrouble: error.isTransient))
        }
        return .instance(InstanceFailure(.permanent, "\(context): \(error)"))
    }
}
