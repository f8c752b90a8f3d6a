public import AltinnAPI
public import Foundation

extension AltinnSimulator {
    // MARK: Clock

    /// The simulated time.
    public var now: Date { core.now().date }

    /// Moves the simulated clock forward (or back, for a negative interval).
    public func advanceClock(by interval: TimeInterval) {
        core.state.withLock { $0.advanceClock(by: interval) }
    }

    /// Sets the simulated clock to `date`; unless frozen, it runs on from there with real time.
    public func setClock(to date: Date) {
        core.state.withLock { $0.setClock(to: date) }
    }

    /// Stops the simulated clock (`true`), so that only ``advanceClock(by:)`` and ``setClock(to:)`` move
    /// it, or lets it run on with real time (`false`). For tests that check expiry to the second.
    public func freezeClock(_ frozen: Bool = true) {
        core.state.withLock { $0.freezeClock(frozen) }
    }

    // MARK: Data

    /// Creates an instance of `app` (`"{org}/{app}"`, one of the simulator's apps) now, with its `created` and
    /// `movedTo` events and, when `completed`, the receipt and a `completed` event (none when `eventLost`).
    /// Returns its truth. Like ``addSubmissions(_:)`` with one instance, except that the process also
    /// started now.
    @discardableResult
    public func addInstance(app: String, completed: Bool = true, eventLost: Bool = false) -> TruthInstance {
        let batch = SubmissionBatch(app: app, completed: completed, eventLost: eventLost)
        do {
            let made = try core.addSubmissions(batch, source: .library, startedEarlier: false)
            guard let guid = made.first?.guid, let found = truth(of: guid) else {
                preconditionFailure("the instance was just added")
            }
            return found
        } catch {
            preconditionFailure("addInstance(app: \(app)): \(error)")
        }
    }

    /// Ends the process of the in-progress instance `guid` now and, when `publishEvent`, registers its
    /// `completed` event. Returns false when the instance is unknown or already completed.
    @discardableResult
    public func completeProcess(guid: String, publishEvent: Bool = true) -> Bool {
        (try? core.completeProcess(guid: guid, eventLost: !publishEvent, duplicated: false, source: .library))
            != nil
    }

    /// Registers an event of `type` about the instance `guid` now; returns its id, or nil for an unknown
    /// instance. Publishing `app.instance.process.completed` twice makes a duplicate.
    ///
    /// For tests of hostile or odd events: `source` replaces the app's own instance URL, and without
    /// `includeResourceInstance` the event names its instance through `source` only.
    @discardableResult
    public func publishEvent(
        type: String, instanceGUID guid: String, source: String? = nil, includeResourceInstance: Bool = true
    ) -> String? {
        let now = core.now()
        return core.state.withLock {
            $0.publishEvent(
                type: type, guid: guid, now: now, sourceOverride: source, omitResourceInstance: !includeResourceInstance
            )
        }
    }

    /// The instance `guid` as Storage serves it (with self links), or nil.
    public func instance(guid: String) -> Instance? {
        core.stored(guid).map(core.storageDocument)
    }

    // MARK: Faults

    /// Replaces the fault rules (and resets their counters).
    public func setFaults(_ rules: [FaultRule]) {
        core.state.withLock { $0.faults.replace(with: rules) }
    }
}
