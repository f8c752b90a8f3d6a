public import Foundation

/// Everything a simulator starts from: the seeded data, Altinn's timing rules, faults and clients.
///
/// A value: tests build one, change what they need and pass it to ``AltinnSimulator/start(_:logger:)``.
/// The same seed always gives the same instances, data elements, GUIDs and events.
public struct SimulatorConfiguration: Sendable {
    /// The seed of all generated data (and of the fault dice).
    public var seed: UInt64 = 1
    /// The service owner's code.
    public var org: String = "ttd"
    /// The service owner's organisation number, the `consumer` of its Maskinporten clients and the
    /// `lastChangedBy` of a confirmation.
    public var orgNumber: String = "991825827"
    /// The apps, `"{org}/{app}"`, all of ``org``.
    public var apps: [String] = ["ttd/skjema-a", "ttd/skjema-b"]
    /// How many instances to seed.
    public var instanceCount: Int = 20
    /// The share of seeded instances still in progress (0...1).
    public var inProgressShare: Double = 0.2
    /// The share of completed instances whose `completed` event was lost (found only by the instance query).
    public var lostEventShare: Double = 0.1
    /// The share of completed instances whose `completed` event was registered twice under two ids.
    public var duplicatedEventShare: Double = 0.1
    /// The size in bytes of one extra large data element on a completed instance; 0 for none. Its bytes
    /// come from a generator, so any size costs no memory.
    public var largeElementSize: Int64 = 0
    /// Whether one completed instance carries an attachment whose `fileScanResult` is `Infected`.
    public var infectedInstance: Bool = false
    /// Whether one completed instance carries an attachment whose `fileScanResult` is `Pending` (the scan has
    /// not finished; Altinn lets the process complete unless the app says otherwise).
    public var pendingScanInstance: Bool = false
    /// Whether one completed instance carries a hard-deleted attachment (`deleteStatus.isHardDeleted`, with
    /// `hardDeleted`), which Storage still lists and serves to the owner.
    public var hardDeletedElement: Bool = false
    /// Whether one completed instance's receipt leaves `size` out of its document (the bytes are served as
    /// usual; the truth keeps their count). On by default: it adds no element.
    public var sizeAbsentElement: Bool = true
    /// How long a new event stays invisible to the Events API (Altinn: 30 s).
    public var visibilityLag: TimeInterval = 0
    /// How long events are kept (Altinn: 90 days).
    public var eventRetention: TimeInterval = 90 * 24 * 3600
    /// The lifetime of an Altinn token from the exchange (Altinn: 1800 s).
    public var altinnTokenLifetime: TimeInterval = 1800
    /// The lifetime of a Maskinporten access token (Maskinporten's default: 120 s).
    public var maskinportenTokenLifetime: TimeInterval = 120
    /// How fast new submissions arrive on their own while the simulator runs, on the simulated clock; nil
    /// for none. Each arrival is made as seeded data is (a random app; in progress, lost and duplicated
    /// events in the shares above), its events registered when it arrives.
    public var arrivals: ArrivalRate?
    /// Faults to inject.
    public var faults: [FaultRule] = []
    /// The status `complete` answers for an unknown instance: 500 (Storage's unit test) or 403.
    public var unknownInstanceCompleteStatus: Int = 500
    /// The Maskinporten clients the token endpoint accepts.
    public var clients: [RegisteredClient] = []
    /// The TCP port on 127.0.0.1; 0 picks a free one.
    public var port: Int = 0
    /// Where the simulated clock starts; nil for the current time. The clock runs with real time and can be
    /// moved with ``AltinnSimulator/advanceClock(by:)``.
    public var startTime: Date?

    /// The default configuration: 20 instances of `ttd/skjema-a` and `ttd/skjema-b`, seed 1, no lag.
    public init() {}

    /// The apps of ``org`` this configuration seeds, in order; repeated entries count once.
    var distinctApps: [String] {
        var seen = Set<String>()
        return apps.filter { seen.insert($0).inserted }
    }
}
