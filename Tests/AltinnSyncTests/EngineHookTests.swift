import AltinnAPI
import AltinnSync
import Foundation
import Testing

@testable import AltinnSync

/// The `onArchived` hook: once per archived (and confirmed) instance, after its journal entry is on disk, with
/// the instance in its environment and nothing else of the process's; failures and timeouts tried again later.
@Suite struct EngineHookTests {
    func lines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    func addInstances(_ harness: EngineHarness, _ count: Int) throws -> [InstanceID] {
        try (1...count).map { _ in
            let id = try harness.altinn.addInstance(app: harness.app)
            try harness.altinn.addEvent(app: harness.app, instance: id)
            return id
        }
    }

    @Test func theHookRunsOncePerInstanceAfterItsEntryWithOnlyItsOwnEnvironment() async throws {
        let folder = try TemporaryFolder()
        let harness = try EngineHarness(settings: [
            #""hooks": {"onArchived": ["/bin/sh", "-c", "printf '%s %s %s %s\\n' \"$ALTINN_SYNC_INSTANCE_ID\" \"$ALTINN_SYNC_CONFIRMED\" \"$ALTINN_SYNC_JOURNAL_SEQUENCE\" \"$(grep -c \"$ALTINN_SYNC_INSTANCE_ID\" \"$ALTINN_SYNC_INSTANCE_DIR\"/../../../../.journal/*.jsonl)\" >> \#(folder("calls")); env | cut -d= -f1 | sort > \#(folder("env")); test -f \"$ALTINN_SYNC_MANIFEST\""]}"#
        ])
        setenv("ALTINN_SYNC_TEST_SECRET", "do-not-leak", 1)
        let ids = try addInstances(harness, 3)

        let report = await harness.run()

        #expect(report.exitCode == ExitStatus.success)
        #expect(report.hooksRun == 3)
        let calls = lines(folder("calls"))
        #expect(Set(calls.map { String($0.split(separator: " ")[0]) }) == Set(ids.map(\.description)))
        // Confirmed, numbered as in the journal, and the entry was on disk when the hook ran.
        #expect(calls.allSatisfy { $0.split(separator: " ")[1] == "true" && $0.split(separator: " ")[3] == "1" })
        #expect(Set(calls.map { String($0.split(separator: " ")[2]) }) == ["1", "2", "3"])
        let names = Set(lines(folder("env")))
        #expect(!names.contains("ALTINN_SYNC_TEST_SECRET"))
        #expect(
            names.isSubset(of: [
                "PATH", "LANG", "PWD", "SHLVL", "_", "ALTINN_SYNC_INSTANCE_DIR", "ALTINN_SYNC_INSTANCE_ID",
                "ALTINN_SYNC_APP", "ALTINN_SYNC_PARTY_ID", "ALTINN_SYNC_MANIFEST", "ALTINN_SYNC_CONFIRMED",
                "ALTINN_SYNC_CONFIRMED_AT", "ALTINN_SYNC_JOURNAL_SEQUENCE", "ALTINN_SYNC_EVENT",
            ]), "\(names)")
        #expect(try harness.state().hooks?.delivered == 3)

        // Nothing new: nothing runs again.
        #expect(await harness.run().hooksRun == 0)
        #expect(lines(folder("calls")).count == 3)
    }

    @Test func aFailingHookIsTriedAgainOnALaterRunUntilItSucceeds() async throws {
        let folder = try TemporaryFolder()
        let harness = try EngineHarness(settings: [
            #""hooks": {"onArchived": ["/bin/sh", "-c", "test -f \#(folder("ready")) || { echo 'case system down' >&2; exit 7; }; echo \"$ALTINN_SYNC_INSTANCE_ID\" >> \#(folder("calls"))"]}"#
        ])
        let ids = try addInstances(harness, 2)

        let first = await harness.run()

        #expect(first.exitCode == ExitStatus.partial, "a failed hook needs attention")
        #expect(first.hooksFailed == 2)
        let failures = try #require(try harness.state().hooks?.failures)
        #expect(failures.count == 2)
        #expect(
            failures.values.allSatisfy {
                $0.lastError.contains("exit status 7") && $0.lastError.contains("case system down")
            })

        #expect(FileManager.default.createFile(atPath: folder("ready"), contents: nil))
        harness.clock.value = harness.clock.value.addingTimeInterval(3600)
        let second = await harness.run()

        #expect(second.exitCode == ExitStatus.success)
        #expect(second.hooksRun == 2)
        #expect(Set(lines(folder("calls"))) == Set(ids.map(\.description)))
        #expect(try harness.state().hooks?.failures.isEmpty == true)
    }

    @Test func aHookThatTakesTooLongIsStoppedAndCountsAsFailed() async throws {
        let harness = try EngineHarness(settings: [
            #""hooks": {"onArchived": ["/bin/sleep", "30"], "timeout": "1s"}"#
        ])
        _ = try addInstances(harness, 1)
        let started = ContinuousClock.now

        let report = await harness.run()

        #expect(ContinuousClock.now - started < .seconds(20))
        #expect(report.hooksFailed == 1)
        let failure = try #require(try harness.state().hooks?.failures.values.first?.lastError)
        #expect(failure.contains("took longer than 1s"), "\(failure)")
        // The hook starts with no signal blocked, whatever the tool blocks for its own signal handling.
        #expect(failure.contains("stopped with SIGTERM"), "\(failure)")
    }

    @Test func noHookRunsForAnInstanceWhoseConfirmationFailedUntilItIsConfirmed() async throws {
        let folder = try TemporaryFolder()
        let harness = try EngineHarness(settings: [
            #""hooks": {"onArchived": ["/bin/sh", "-c", "echo \"$ALTINN_SYNC_EVENT\" >> \#(folder("calls"))"]}"#
        ])
        let id = try addInstances(harness, 1)[0]
        harness.altinn.fail(.complete(id), with: FakeAltinn.status(503), times: 1)

        #expect(await harness.run().hooksRun == 0)
        #expect(lines(folder("calls")).isEmpty)

        harness.clock.value = harness.clock.value.addingTimeInterval(3600)
        #expect(await harness.run().hooksRun == 1)
        #expect(lines(folder("calls")) == ["confirmed"])
    }
}
