import AltinnAPI
import CurlHTTP
public import Logging
import Maskinporten

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

/// `altinn-sync check`: each prerequisite of a working installation, tested for real, with a remedy for
/// whatever fails. Changes nothing, not even the token cache. Offline, it checks only what needs no network:
/// the configuration, the folders and the key (with its certificate's dates).
public enum SetupCheck {
    /// One checked prerequisite.
    public struct Step: Sendable, Encodable {
        /// What was checked.
        public var name: String
        /// The verdict.
        public var health: String
        /// What was found.
        public var detail: String
        /// What to do, when the verdict is not OK.
        public var remedy: String?

        /// The verdict as a value.
        public var verdict: Health {
            switch health {
            case "OK": .ok
            case "WARNING": .warning
            default: .critical
            }
        }

        init(_ name: String, _ verdict: Health, _ detail: String, remedy: String? = nil) {
            self.name = name
            health = verdict.description
            self.detail = detail
            self.remedy = remedy
        }
    }

    /// Runs every check; `report` receives each step as soon as it is known.
    ///
    /// - Parameter offline: check the configuration, the folders and the key only, without any network request.
    public static func run(
        configurationPath: String, environment: [String: String], offline: Bool = false, logger: Logger,
        report: @Sendable (Step) -> Void
    ) async -> Health {
        var worst = Health.ok
        func record(_ step: Step) {
            worst = max(worst, step.verdict)
            report(step)
        }

        let configuration: SyncConfiguration
        do {
            configuration = try ConfigurationLoader.load(path: configurationPath)
            record(
                Step(
                    "configuration", .ok,
                    "\(configuration.file): \(configuration.apps.count) app(s) of \(configuration.org)"))
        } catch {
            record(Step("configuration", .critical, "\(error)", remedy: "fix the key named; see README, Configuration"))
            return worst
        }

        for step in folderSteps(configuration) { record(step) }

        if offline {
            do {
                let identity = try SyncSession.loadKey(
                    configuration.maskinporten.key, environment: environment, now: Date())
                record(keyStep(identity))
            } catch {
                record(keyFailureStep(error))
            }
            return worst
        }

        let session: SyncSession
        do {
            session = try SyncSession(
                configuration: configuration, environment: environment, logger: logger, cacheTokens: false)
            record(keyStep(session.identity))
        } catch {
            record(keyFailureStep(error))
            return worst
        }

        do {
            let token = try await session.maskinporten.fetchToken(logger: logger)
            let expires = Int(token.token.remainingLifetime(at: Date()))
            record(Step("Maskinporten token", .ok, "granted scopes \"\(token.scope ?? "?")\", valid \(expires)s"))
            let granted = Set((token.scope ?? "").split(separator: " ").map(String.init))
            if configuration.confirm, !granted.contains("altinn:serviceowner/instances.write") {
                record(
                    Step(
                        "confirmation scope", .warning,
                        "confirm is on, but the token lacks altinn:serviceowner/instances.write, which complete needs",
                        remedy: "add the scope to maskinporten.scopes and to the client at Digdir, or set confirm false"
                    ))
            }
            if let offset = token.clockOffset {
                record(
                    token.isClockSkewed
                        ? Step(
                            "clock", .warning, "\(offset)",
                            remedy: "enable NTP (timedatectl set-ntp true); Maskinporten accepts at most 10 s")
                        : Step("clock", .ok, "\(offset)"))
            }
        } catch {
            let refusal = error as? MaskinportenError
            // A known refusal has its own remedy (the hint); the generic one is for the rest.
            record(
                Step(
                    "Maskinporten token", .critical, refusal?.message ?? "\(error)",
                    remedy: refusal?.isTransient == true
                        ? "Maskinporten could not be reached: check DNS, that the firewall allows outbound HTTPS to "
                            + "\(session.endpoints.maskinportenIssuer.host ?? "Maskinporten"), http.proxy, and the endpoint"
                        : refusal?.hint
                            ?? "check maskinporten.clientId, the scopes registered on the client, the key (kid or "
                            + "certificate), and that client and environment match"))
            return worst
        }

        do {
            let claims = try await session.authenticator.currentClaims()
            if let org = claims.org {
                record(
                    org == configuration.org.description
                        ? Step("Altinn token", .ok, "service owner \(org) (org number \(claims.orgNumber ?? "?"))")
                        : Step(
                            "Altinn token", .critical,
                            "the token is for org \(org), the configuration says \(configuration.org)",
                            remedy: "set \"org\" to \"\(org)\", or use the Maskinporten client of \(configuration.org)")
                )
            } else {
                record(
                    Step(
                        "Altinn token", .critical, "the Altinn token carries no org claim",
                        remedy:
                            "request an altinn:serviceowner scope (e.g. altinn:serviceowner/instances.read); the org "
                            + "must be registered as an Altinn service owner"))
            }
        } catch {
            record(
                Step("Altinn token", .critical, "\(error)", remedy: "see the message; check the environment pairing"))
            return worst
        }

        for app in configuration.apps {
            var sawEvents = false
            var sawInstances = false
            do {
                let page = try await session.client.eventsPage(
                    app: app, after: .start, types: configuration.eventTypes, size: 1)
                sawEvents = !page.isEmpty
                record(Step("events \(app)", .ok, sawEvents ? "reachable, events found" : "reachable, no events"))
            } catch {
                record(Step("events \(app)", .critical, "\(error)", remedy: remedy(for: error)))
                continue
            }
            do {
                let query = try await session.client.unconfirmedInstances(app: app, size: 1)
                sawInstances = !query.items.isEmpty
                record(Step("instance query \(app)", .ok, "reachable"))
            } catch {
                record(Step("instance query \(app)", .critical, "\(error)", remedy: remedy(for: error)))
                continue
            }
            if !sawEvents && !sawInstances {
                record(
                    Step(
                        "app \(app)", .warning, "Altinn knows no events and no unconfirmed instances of this app",
                        remedy: "check the app name (apps in the configuration); a new app may simply have none yet"))
            }
        }
        return worst
    }

    private static func keyFailureStep(_ error: RunAbort) -> Step {
        Step(
            "signing key", .critical, error.message,
            remedy:
                "check maskinporten.key (type, file or credential, kid, the password's source) and the file's contents")
    }

    private static func keyStep(_ identity: SigningIdentity) -> Step {
        var detail = "RSA \(identity.key.bitCount)-bit"
        switch identity.identification {
        case .keyID(let kid): detail += ", kid \(kid)"
        case .certificateChain(let chain):
            if let leaf = chain.first {
                detail +=
                    ", certificate \(leaf.subject), valid until \(ISOTime.string(leaf.notAfter))"
            }
        }
        if let warning = identity.warnings.first {
            return Step("signing key", .warning, "\(detail); \(warning.message)", remedy: "see the warning")
        }
        return Step("signing key", .ok, detail)
    }

    private static func folderSteps(_ configuration: SyncConfiguration) -> [Step] {
        var steps: [Step] = []
        for (name, path) in [
            ("archive folder", configuration.archiveDirectory), ("state folder", configuration.stateDirectory),
        ] {
            steps.append(writableStep(name, path))
        }
        let staging = configuration.layout.stagingRoot
        var archiveInfo = stat()
        var stagingInfo = stat()
        if stat(configuration.archiveDirectory, &archiveInfo) == 0, stat(staging, &stagingInfo) == 0,
            archiveInfo.st_dev != stagingInfo.st_dev
        {
            steps.append(
                Step(
                    "staging", .critical, "\(staging) is on another file system than the archive",
                    remedy: "remove the mount at \(staging): instances must be renamed into place atomically"))
        }
        return steps
    }

    private static func writableStep(_ name: String, _ path: String) -> Step {
        var existing = path
        while !FileManager.default.fileExists(atPath: existing), existing != "/" {
            existing = PathText.parent(of: existing)
        }
        guard FileManager.default.folderStatus(atPath: existing).isFolder else {
            return Step(
                name, .critical, "\(existing) is a file, not a folder, so \(path) cannot be made",
                remedy: "move the file away, or point the configuration at another folder")
        }
        guard access(existing, W_OK | X_OK) == 0 else {
            return Step(
                name, .critical, "\(path) is not writable (checked \(existing))",
                remedy: "create it and give the user running altinn-sync write access")
        }
        return Step(name, .ok, existing == path ? "\(path) is writable" : "\(path) will be created (in \(existing))")
    }

    private static func remedy(for error: any Error) -> String {
        guard let error = error as? AltinnError else { return "see the message" }
        switch error.failure {
        case .refused: return "the Altinn token was refused: check the environment pairing and the scopes"
        case .forbidden:
            return "forbidden: the token lacks altinn:serviceowner/instances.read, or the app's policy denies the org"
        case .notFound: return "not found: check the app name and the platform endpoint"
        case .unreachable, .unavailable:
            return "network or service trouble: check the firewall allows outbound HTTPS to the platform, and any proxy"
        case .connectionSetup:
            return "check the CA bundle (http.caFile), any TLS-intercepting proxy, and the endpoints"
        default:
            return "see the message"
        }
    }
}
