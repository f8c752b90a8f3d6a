import AltinnSimulator
import ArgumentParser

/// What the simulator seeds.
struct DataOptions: ParsableArguments {
    @Option(help: "The seed of all generated data; the same seed gives the same data.")
    var seed: UInt64 = 1

    @Option(help: "How many instances to seed.")
    var instances = 50

    @Option(help: "The service owner's code.")
    var org = "ttd"

    @Option(name: .customLong("org-number"), help: "The service owner's organisation number.")
    var orgNumber = "991825827"

    @Option(
        name: .customLong("app"), help: "An app, {org}/{app}; repeat for more (default ttd/skjema-a, ttd/skjema-b).")
    var apps: [String] = []

    @Option(name: .customLong("in-progress-share"), help: "The share of instances still in progress, 0...1.")
    var inProgressShare = 0.2

    @Option(name: .customLong("lost-event-share"), help: "The share of completed instances whose event was lost.")
    var lostEventShare = 0.1

    @Option(
        name: .customLong("duplicate-event-share"),
        help: "The share of completed instances whose completed event was registered twice.")
    var duplicateEventShare = 0.1

    @Option(
        name: .customLong("large-element-size"),
        help: "Add one generated data element of this many bytes (0 for none).")
    var largeElementSize: Int64 = 0

    @Flag(name: .customLong("infected-instance"), help: "Give one completed instance an Infected attachment.")
    var infectedInstance = false

    @Flag(
        name: .customLong("pending-scan-instance"),
        help: "Give one completed instance an attachment whose malware scan is Pending.")
    var pendingScanInstance = false

    @Flag(
        name: .customLong("hard-deleted-element"),
        help: "Give one completed instance a hard-deleted attachment (deleteStatus), still served to the owner.")
    var hardDeletedElement = false

    @Option(
        name: .customLong("arrivals"),
        help: ArgumentHelp(
            "New submissions arriving on their own, e.g. 10/min (N/s, N/min, N/h or N/day, at most 100/s).",
            valueName: "rate"),
        transform: { text in
            do {
                return try ArrivalRate(spec: text)
            } catch {
                throw ValidationError(String(describing: error))
            }
        })
    var arrivals: ArrivalRate?

    @Flag(
        name: .customLong("size-absent-element"), inversion: .prefixedNo,
        help: "Leave size out of one completed instance's receipt in its document (the bytes are served).")
    var sizeAbsentElement = true

    func validate() throws {
        for (name, share) in [
            ("--in-progress-share", inProgressShare), ("--lost-event-share", lostEventShare),
            ("--duplicate-event-share", duplicateEventShare),
        ] where !(0...1).contains(share) {
            throw ValidationError("\(name) must be between 0 and 1, e.g. 0.1")
        }
        guard instances >= 0 else { throw ValidationError("--instances must be 0 or more") }
        guard largeElementSize >= 0 else { throw ValidationError("--large-element-size must be 0 or more bytes") }
        for app in apps {
            let parts = app.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0] == org, !parts[1].isEmpty else {
                throw ValidationError("--app \(app) must be \(org)/{app}, e.g. \(org)/skjema-a")
            }
        }
    }

    func apply(to configuration: inout SimulatorConfiguration) {
        configuration.seed = seed
        configuration.instanceCount = instances
        configuration.org = org
        configuration.orgNumber = orgNumber
        configuration.apps = apps.isEmpty ? ["\(org)/skjema-a", "\(org)/skjema-b"] : apps
        configuration.inProgressShare = inProgressShare
        configuration.lostEventShare = lostEventShare
        configuration.duplicatedEventShare = duplicateEventShare
        configuration.largeElementSize = largeElementSize
        configuration.infectedInstance = infectedInstance
        configuration.pendingScanInstance = pendingScanInstance
        configuration.hardDeletedElement = hardDeletedElement
        configuration.sizeAbsentElement = sizeAbsentElement
        configuration.arrivals = arrivals
    }
}
