import AltinnAPI
import Foundation
import Logging

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
            return now().timeIntervalSince(last) >= configuration.reconcile.interval.secondsValue
        }
    }

    func reconcile(journal: RunJournal, report: inout RunReport) async throws {
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
            let outcomes = try await runner.run(jobs, shouldStop: shouldStop)
            apply(outcomes, jobs: jobs, journal: journal, report: &report)
            try journal.saveLedger()
            if outcomes.count < jobs.count || shouldStop() {
                report.stoppedAtDeadline = true
                return
            }
            guard let next = page.next else { break }
            page = try await queryPage { try await gateway.unconfirmedInstances(next: next) }
        }
        logger.info("reconciliation finished", metadata: ["reconcile.found": "\(found)"])
        journal.updateAppState(app) { state in
            state.lastReconciliation = now()
            state.lastReconciliationFound = found
            state.reconciliationRequested = nil
        }
        try journal.saveState()
    }

    func queryPage(_ fetch: () async throws -> QueryResponse) async throws -> QueryResponse {
        do {
            return try await fetch()
        } catch {
            switch FailureClassifier.classify(error, doing: "querying unconfirmed instances of \(app)") {
            case .cancelled: throw CancellationError()
            case .abort(let abort): throw abort
            case .instance(let failure):
                throw RunAbort(failure.kind == .transient ? .temporary : .authentication, failure.message)
            }
        }
    }
}
