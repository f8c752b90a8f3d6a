extension SimulatorCore {
    /// The truth: the stored bytes' counts and SHA-256 digests (generated contents are hashed once, outside
    /// the lock), whatever the documents declare and however the app API re-serialises forms; of the
    /// instances `guids` only, when given.
    func truth(of guids: [String]? = nil) -> SimulatorTruth {
        let (stored, known, events) = state.withLock { world in
            let stored = (guids ?? world.order).compactMap { world.instances[$0] }
            let wanted = Set(stored.map(\.guid))
            var events: [String: [TruthEvent]] = [:]
            for event in world.events where wanted.contains(event.instanceGUID) {
                events[event.instanceGUID, default: []].append(TruthEvent(id: event.id, type: event.type))
            }
            return (stored, world.digests, events)
        }
        var digests = known
        for instance in stored {
            for (id, content) in instance.contents where digests[id] == nil {
                digests[id] = content.sha256()
            }
        }
        let computed = digests
        state.withLock { world in world.digests.merge(computed) { old, _ in old } }
        let org = configuration.org
        let instances = stored.map { instance in
            TruthInstance(
                org: instance.document.org, app: String(instance.appID.split(separator: "/").last ?? ""),
                partyId: instance.partyID, guid: instance.guid, completed: instance.isCompleted,
                eventLost: instance.eventLost, confirmed: instance.isConfirmed(by: org),
                dataElements: instance.document.data.map { element in
                    TruthDataElement(
                        id: element.id, dataType: element.dataType ?? "", filename: element.filename,
                        contentType: element.contentType ?? "", size: instance.contents[element.id]?.size ?? 0,
                        sha256: computed[element.id] ?? "", fileScanResult: element.fileScanResult?.description ?? "",
                        isHardDeleted: element.isHardDeleted)
                }, events: events[instance.guid] ?? [])
        }
        return SimulatorTruth(org: org, apps: configuration.distinctApps, instances: instances)
    }

    /// Everything recorded so far.
    func ledger() -> SimulatorLedger {
        SimulatorLedger(entries: state.withLock { $0.ledger })
    }
}
