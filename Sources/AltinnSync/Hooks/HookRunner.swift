import Foundation
import Logging

/// Runs the `onArchived` hook for every journal entry that needs one, in order and one at a time, at least
/// once: an entry counts as delivered only after its hook succeeded (or failed into the retry list), so a crash
/// between the two runs that hook again; a hook that fails or times out is tried again on later runs, with
/// growing pauses.
///
/// An entry needs the hook when its instance is archived and, when confirming, confirmed: an `archived`
/// entry that says so, or a `confirmed` entry. Quarantined instances have no folder to hand over.
struct HookRunner {
    /// The longest pause before a failed hook is tried again.
    static let longestPause: TimeInterval = 3600

    let settings: HookSettings
    let context: RunContext
    let journalDirectory: String
    let logger: Logger

    /// Runs the hooks due: failures whose time has come, then every entry after the delivered one, and again
    /// each time `appended` says the journal grew, until it finishes. Stops starting hooks at the deadline or
    /// when cancelled.
    func run(appended: AsyncStream<Void>) async {
        var tail = JournalTail(directory: journalDirectory, after: context.state.hooks?.delivered ?? 0)
        await retryFailures()
        await deliver(&tail)
        for await _ in appended { await deliver(&tail) }
        await deliver(&tail)
    }

    private func deliver(_ tail: inout JournalTail) async {
        while !stopping {
            let entries = tail.next()
            guard !entries.isEmpty else { return }
            for entry in entries {
                guard !stopping else { return }
                if entry.needsHook(confirming: context.configuration.confirm) {
                    let ending = await runHook(for: entry)
                    await record(ending, for: entry, attempts: 1)
                } else {
                    await record(nil, for: entry, attempts: 0)
                }
            }
        }
    }

    private func retryFailures() async {
        let due = (context.state.hooks?.failures ?? [:])
            .filter { $0.value.nextAttemptAt <= context.now() }
            .sorted { (UInt64($0.key) ?? 0) < (UInt64($1.key) ?? 0) }
        for (key, failure) in due {
            guard !stopping else { return }
            guard let sequence = UInt64(key) else { continue }
            var tail = JournalTail(directory: journalDirectory, after: sequence - 1)
            guard let entry = tail.next(limit: 1).first, entry.sequence == sequence else { continue }
            let ending = await runHook(for: entry)
            await record(ending, for: entry, attempts: failure.attempts + 1)
        }
    }

    private var stopping: Bool { context.deadlinePassed || Task.isCancelled }

    private func runHook(for entry: JournalEntry) async -> HookProcess.Ending {
        let layout = context.configuration.layout
        let folder = "\(layout.root)/\(entry.folder ?? "")"
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "ALTINN_SYNC_INSTANCE_DIR": folder,
            "ALTINN_SYNC_INSTANCE_ID": entry.instanceId,
            "ALTINN_SYNC_APP": entry.app,
            "ALTINN_SYNC_PARTY_ID": entry.partyId,
            "ALTINN_SYNC_MANIFEST": "\(folder)/\(ArchiveFiles.manifest)",
            "ALTINN_SYNC_CONFIRMED": entry.confirmed ? "true" : "false",
            "ALTINN_SYNC_JOURNAL_SEQUENCE": String(entry.sequence),
            "ALTINN_SYNC_EVENT": entry.event.rawValue,
        ]
        if let confirmedAt = entry.confirmedAt { environment["ALTINN_SYNC_CONFIRMED_AT"] = confirmedAt }
        let process = HookProcess(
            command: settings.command, environment: environment, timeout: settings.timeout,
            outputFile: "\(context.configuration.stateDirectory)/hook-output.txt")
        return await process.run()
    }

    /// Records how the hook for `entry` ended (nil: it needed none) and saves the state.
    private func record(_ ending: HookProcess.Ending?, for entry: JournalEntry, attempts: Int) async {
        let now = context.now()
        let key = String(entry.sequence)
        var metadata: Logger.Metadata = ["instance.id": "\(entry.instanceId)", "journal.sequence": "\(key)"]
        switch ending {
        case .succeeded:
            logger.debug("onArchived hook succeeded", metadata: metadata)
            context.updateReport { $0.hooksRun += 1 }
        case .failed(let reason):
            metadata["error"] = "\(reason)"
            metadata["hook.attempts"] = "\(attempts)"
            logger.warning("onArchived hook failed; it is tried again on a later run", metadata: metadata)
            context.updateReport { $0.hooksFailed += 1 }
        case nil:
            break
        }
        do {
            try await context.save { state in
                try state.updateHooks { hooks in
                    var delivery = hooks ?? SyncState.HookDelivery(delivered: 0)
                    delivery.delivered = max(delivery.delivered, entry.sequence)
                    if case .failed(let reason) = ending {
                        let pause = min(Self.longestPause, 60 * pow(2, Double(min(attempts - 1, 20))))
                        delivery.failures[key] = SyncState.HookFailure(
                            instanceId: entry.instanceId, attempts: attempts, lastAttemptAt: now,
                            nextAttemptAt: now.addingTimeInterval(pause), lastError: reason)
                    } else {
                        delivery.failures[key] = nil
                    }
                    hooks = delivery
                }
            }
        } catch {
            logger.error("cannot save the hook's progress", metadata: ["error": "\(error)"])
        }
    }
}
