import AltinnAPI
import Foundation
import Logging

/// Sweeping the Storage instance query for completed instances this org has not confirmed.
extension AppSynchronizer {
    func reconciliationIsDue(_ journal: RunJournal) -> Bool {
        switch options.reconcile {
        case .never: return false
        case .always: return true
        case .whenDue:
            guard configuration.reconcile.enabled else { return false }
            let state = journal.appState(app)
            if state.reconciliationRequested == true { return true }
            guard let last = state.lastReconciliation else { return true }
            return now().timeIntervalSince(last) >= configuration.reconcile.interval.seconds
        }
    }

    func reconcile(journal: RunJournal, report: inout RunReport) async throws {
        let bounded = options.reconcileChangedFrom != nil || options.reconcileChangedBefore != nil
        logger.info("reconciling with the Storage instance query")
        var found = 0
        var page = try await queryPage {
            try await gateway.unconfirmedInstances(
                app: app, size: configuration.reconcile.pageSize, changedFrom: options.reconcileChangedFrom,
                changedBefore: options.reconcileChangedBefore)
        }
        while true {
            var jobs: [InstanceJob] = []
            for instance in page.instances {
                guard let id = try? instance.instanceID else {
                    logger.warning(
                        "query returned an instance with an unusable id", metadata: ["instance.id": "\(instance.id)"])
                    continue
                }
                found += 1
                // Instances in the retry ledger are retried on its schedule (or by hand), not by every sweep.
                guard !journal.ledger.contains(id.description) else { continue }
                jobs.append(InstanceJob(app: app, instance: id, route: .reconciliation))
            }
            let outcomes = try await process(jobs, journal: journal, report: &report)
            if outcomes.count < jobs.count || shouldStop() {
                report.stoppedAtDeadline = true
                return
            }
            guard let next = page.next else { break }
            page = try await queryPage { try await gateway.unconfirmedInstances(next: next) }
        }
        logger.info("reconciliation finished", metadata: ["reconcile.found": "\(found)"])
        // A sweep bounded by dates does not cover what an unbounded one would, so it changes no schedule.
        guard !bounded else { return }
        journal.updateAppState(app) { state in
            state.lastReconciliation = now()
            state.lastReconciliationFound = found
            state.reconciliationRequested = nil
        }
        try journal.saveState()
    }

    private func queryPage(_ fetch: () async throws -> QueryResponse) async throws -> QueryResponse {
        do {
            return try await fetch()
        } catch {
            throw feedFailure(error, doing: "querying unconfirmed instances of \(app)")
        }
    }
}
