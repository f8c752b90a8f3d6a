extension AltinnSimulator {
    /// Adds `batch`'s instances now, as `POST /_sim/instances` does, and returns their truth. Their events
    /// are registered now, so the visibility lag counts from now; each is recorded in the ledger
    /// (`instanceAdded`, route `library`).
    ///
    /// Throws ``AdminRequestError`` for an app the simulator does not serve, values out of range, or a seed
    /// whose instances exist already.
    @discardableResult
    public func addSubmissions(_ batch: SubmissionBatch) throws(AdminRequestError) -> SimulatorTruth {
        let made = try core.addSubmissions(batch, source: .library)
        return core.truth(of: made.map(\.guid))
    }

    /// Deletes the events registered more than `age` seconds ago (the configured retention when nil), as
    /// Events' nightly job does, and records it in the ledger (`eventsPurged`). Returns how many went.
    @discardableResult
    public func purgeEvents(olderThan age: Double? = nil) -> Int {
        core.purgeEvents(olderThan: age, source: .library).0
    }

    /// The truth of the instance `guid` alone, or nil.
    func truth(of guid: String) -> TruthInstance? {
        core.truth(of: [guid]).instances.first
    }
}
