import AltinnAPI
import AltinnSimulator
import AltinnSync
import Foundation
import Testing

/// `altinn-sync sync`, run as a program against the simulator.
@Suite(.serialized) struct SyncFlowTests {
    @Test func archivesEveryCompletedInstanceByteExactAndConfirmsEachOnce() async throws {
        let e2e = try await EndToEnd.start(instances: 16)
        defer { Task { await e2e.finish() } }
        let truth = e2e.simulator.truth()
        #expect(truth.instances.contains { $0.completed && $0.eventLost }, "the seed has lost events to reconcile")
        #expect(truth.instances.contains { !$0.completed }, "the seed has instances in progress")

        let run = try await e2e.run(["sync"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        try ArchiveAudit(archive: e2e.archive, org: "ttd").verifyMatches(e2e.simulator.truth())
        let ledger = e2e.simulator.ledger()
        for instance in truth.instances where instance.completed {
            let completes = ledger.completes(of: instance.instanceID)
            #expect(completes.filter { $0.newConfirmation == true }.count == 1, "\(instance.instanceID)")
        }
        for instance in truth.instances where !instance.completed {
            #expect(ledger.completes(of: instance.instanceID).isEmpty, "in progress: never confirmed")
        }
        #expect(run.stderr.contains("sync success"))
        #expect(ArchiveAudit(archive: e2e.archive, org: "ttd").stagingIsEmpty)
    }

    @Test func aSecondRunWithNothingNewIsSilentWithQuietAndDownloadsNothing() async throws {
        let e2e = try await EndToEnd.start()
        defer { Task { await e2e.finish() } }
        #expect(try await e2e.run(["sync"]).exitCode == 0)
        e2e.simulator.clearLedger()
        let second = try await e2e.run(["sync", "-q"])
        #expect(second.exitCode == 0)
        #expect(second.stdout.isEmpty)
        #expect(second.stderr.isEmpty, "quiet and all is well: \(second.stderr)")
        #expect(e2e.simulator.ledger().entries(.download).isEmpty)
        #expect(e2e.simulator.ledger().entries(.complete).isEmpty)
    }

    @Test func newSubmissionsAreArchivedByTheNextRun() async throws {
        let e2e = try await EndToEnd.start()
        defer { Task { await e2e.finish() } }
        #expect(try await e2e.run(["sync"]).exitCode == 0)
        let added = e2e.simulator.addInstance(app: "ttd/skjema-a")
        let run = try await e2e.run(["sync"])
        #expect(run.exitCode == 0)
        #expect(run.stderr.contains("1 archived"), "\(run.stderr)")
        try ArchiveAudit(archive: e2e.archive, org: "ttd").verifyMatches(e2e.simulator.truth())
        #expect(e2e.simulator.truth().instance(added.guid)?.confirmed == true)
    }

    @Test func dryRunListsTheWorkAndChangesNothing() async throws {
        let e2e = try await EndToEnd.start()
        defer { Task { await e2e.finish() } }
        let run = try await e2e.run(["sync", "--dry-run"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        let completed = e2e.simulator.truth().instances.filter(\.completed)
        #expect(run.stdout.contains("would archive \(completed.count) instance(s), confirm \(completed.count)"))
        for instance in completed { #expect(run.stdout.contains(instance.instanceID)) }
        #expect(!FileManager.default.fileExists(atPath: e2e.archive))
        #expect(!FileManager.default.fileExists(atPath: e2e.stateDirectory))
        #expect(e2e.simulator.ledger().entries(.complete).isEmpty)
        #expect(e2e.simulator.ledger().entries(.download).isEmpty)
    }

    @Test func withConfirmOffNothingIsConfirmedAndReconciliationDownloadsNothingTwice() async throws {
        let e2e = try await EndToEnd.start(config: ["confirm": false])
        defer { Task { await e2e.finish() } }
        #expect(try await e2e.run(["sync"]).exitCode == 0)
        try ArchiveAudit(archive: e2e.archive, org: "ttd").verifyMatches(e2e.simulator.truth(), confirmed: false)
        #expect(e2e.simulator.ledger().entries(.complete).isEmpty)
        e2e.simulator.clearLedger()
        let reconcile = try await e2e.run(["reconcile"])
        #expect(reconcile.exitCode == 0, "\(reconcile.stderr)")
        #expect(e2e.simulator.ledger().entries(.instanceQuery).count >= 2, "one query per app")
        #expect(e2e.simulator.ledger().entries(.download).isEmpty, "everything found is archived already")
    }

    @Test func theAppAPICanBeTheSourceOfDocumentsDataAndConfirmations() async throws {
        let e2e = try await EndToEnd.start(instances: 6, config: ["downloadFrom": "app"])
        defer { Task { await e2e.finish() } }
        let run = try await e2e.run(["sync"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        let manifests = try ArchiveAudit(archive: e2e.archive, org: "ttd").verifyEveryFolderIsComplete()
        let truth = e2e.simulator.truth()
        #expect(Set(manifests.keys) == Set(truth.instances.filter(\.completed).map(\.instanceID)))
        for instance in truth.instances where instance.completed {
            let manifest = try #require(manifests[instance.instanceID])
            #expect(manifest.downloadedFrom == "app")
            for element in instance.dataElements {
                let stored = try #require(manifest.dataElements.first { $0.id == element.id })
                if element.filename == nil {
                    // Form data comes re-serialised by the app (as XML, which it was asked for): other bytes.
                    #expect(stored.sha256 != element.sha256)
                    #expect(stored.path.hasSuffix(".xml"))
                } else {
                    #expect(stored.sha256 == element.sha256, "binary data comes as stored: \(stored.path)")
                }
            }
        }
        let completes = e2e.simulator.ledger().entries(.complete)
        #expect(!completes.isEmpty)
        #expect(completes.allSatisfy { $0.path.hasPrefix("/apps/") }, "\(completes.map(\.path))")
        #expect(e2e.simulator.ledger().entries(.download).allSatisfy { $0.path.hasPrefix("/apps/") })
    }

    @Test func anEventThatBecomesVisibleAfterReconciliationArchivedItChangesNothing() async throws {
        // Altinn hides events younger than ~30 s, while the instance query shows a completed instance at once:
        // reconciliation can archive and confirm an instance before its event appears.
        let e2e = try await EndToEnd.start(instances: 6) { $0.visibilityLag = 3 }
        defer { Task { await e2e.finish() } }
        #expect(try await e2e.run(["sync"]).exitCode == 0)
        let added = e2e.simulator.addInstance(app: "ttd/skjema-a")
        e2e.simulator.clearLedger()
        #expect(try await e2e.run(["sync"]).exitCode == 0)
        #expect(e2e.simulator.ledger().entries(.instanceRead).isEmpty, "the event is not visible yet")
        let reconcile = try await e2e.run(["reconcile"])
        #expect(reconcile.exitCode == 0, "\(reconcile.stderr)")
        #expect(e2e.simulator.truth().instance(added.guid)?.confirmed == true)

        try await Task.sleep(for: .milliseconds(3500))
        e2e.simulator.clearLedger()
        let late = try await e2e.run(["sync"])
        #expect(late.exitCode == 0, "\(late.stderr)")
        #expect(late.stderr.contains("1 events"), "the late event was read: \(late.stderr)")
        #expect(e2e.simulator.ledger().entries(.download).isEmpty, "nothing downloaded again")
        #expect(e2e.simulator.ledger().entries(.complete).isEmpty, "nothing confirmed again")
        try ArchiveAudit(archive: e2e.archive, org: "ttd").verifyMatches(e2e.simulator.truth())
    }
}
