import AltinnSimulator
import ArgumentParser
import Foundation

/// `altinn-sim demo`: the whole job in one command. It starts the simulator in this process and drives the
/// `altinn-sync` program against it as cron would, then checks the archive against the simulator's truth.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run altinn-sync against a local simulator: sync, new submissions, sync, and check the archive.",
        discussion: """
            Starts a local Altinn and Maskinporten simulator with seeded submissions (some with lost events, so \
            reconciliation has work), writes a configuration for it, runs `altinn-sync sync`, lets new \
            submissions arrive, runs sync again, and checks every archived file against the simulator's own \
            checksums. altinn-sync is the program beside altinn-sim (as `swift build` and the packages place \
            them), else the one on PATH, unless --altinn-sync names one. Safe to run again: the archive stays, \
            and nothing in it is downloaded twice.
            """)

    @Option(name: .long, help: "The folder for the configuration, archive and state.")
    var directory: String = "altinn-sync-demo"

    @Option(name: .long, help: "How many submissions the simulator starts with.")
    var instances: Int = 20

    @Option(name: .long, help: "The seed of the simulator's data.")
    var seed: UInt64 = 1

    @Option(
        name: .customLong("altinn-sync"),
        help: ArgumentHelp(
            "The altinn-sync program to run (default: beside altinn-sim, else on PATH).", valueName: "file"))
    var altinnSync: String?

    @Flag(name: .shortAndLong, help: "Show altinn-sync's log lines on stderr.")
    var verbose = false

    /// New submissions between the two runs.
    static let arriving = 3

    func validate() throws {
        guard (1...10_000).contains(instances) else { throw ValidationError("--instances must be 1 to 10000.") }
    }

    func run() async throws {
        guard let program = SyncProgram.locate(explicit: altinnSync, environment: ProcessInfo.processInfo.environment)
        else {
            let hint =
                altinnSync.map { "\($0) is not an executable file." }
                ?? "altinn-sync is neither beside altinn-sim nor on PATH: build both with `swift build` "
                + "(then `swift run altinn-sim demo`), install the package, or pass --altinn-sync FILE."
            throw ValidationError(hint)
        }
        let folder = URL(fileURLWithPath: directory).standardizedFileURL
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

        var simulation = SimulatorConfiguration()
        simulation.seed = seed
        simulation.instanceCount = instances
        let simulator = try await AltinnSimulator.start(simulation)
        do {
            let passed = try await demonstrate(program: program, simulator: simulator, folder: folder)
            await simulator.stop()
            if !passed { throw ExitCode.failure }
        } catch {
            await simulator.stop()
            throw error
        }
    }

    /// Runs the demo against a started simulator; returns whether both runs succeeded and the archive checks out.
    private func demonstrate(program: SyncProgram, simulator: AltinnSimulator, folder: URL) async throws -> Bool {
        let written = try simulator.writeConfig(to: folder.appending(path: "altinn-sync.json").path)
        // Each demo starts a new simulator, which knows nothing of an earlier demo's events and tokens: forget the
        // state written against the last one. The archive stays, and nothing in it is downloaded again.
        try? FileManager.default.removeItem(at: folder.appending(path: "state"))
        let metrics = folder.appending(path: "metrics.prom")

        let truth = simulator.truth()
        let completed = truth.instances.filter(\.completed)
        print(
            "A local Altinn simulator runs at \(simulator.baseURL) for this demo, with \(truth.instances.count) "
                + "submissions")
        print(
            "in \(truth.apps.joined(separator: " and ")): \(completed.count) completed "
                + "(\(completed.filter(\.eventLost).count) of them with a lost event), the rest still in progress.")
        print("altinn-sync: \(program.executable.path)")
        print("")

        let first = try await sync(program, config: written.configPath, metrics: metrics, scratch: folder)
        print("sync, first run:  " + first.text)
        for index in 0..<Self.arriving {
            simulator.addInstance(app: truth.apps[index % truth.apps.count])
        }
        print("\(Self.arriving) new submissions arrive...")
        let second = try await sync(program, config: written.configPath, metrics: metrics, scratch: folder)
        print("sync, second run: " + second.text)
        print("")

        let archive = folder.appending(path: "archive")
        let check = DemoArchiveCheck(truth: simulator.truth(), archive: archive)
        print(check.text)
        print("")
        print("archive: \(archive.path)")
        if let example = check.example {
            print("one instance:")
            print(example)
        }
        print("")
        print("config:  \(written.configPath)")
        print("next:    \(program.executable.path) status --config \(written.configPath)")
        print("         (the simulator stops with the demo; to run sync or check yourself, start altinn-sim,")
        print("         see docs/simulator.md)")
        return first.exitCode == 0 && second.exitCode == 0 && check.passed
    }

    /// One `altinn-sync sync -q` run; its warnings and errors are shown when it fails.
    private func sync(
        _ program: SyncProgram, config: String, metrics: URL, scratch: URL
    ) async throws
        -> SyncRunSummary
    {
        try? FileManager.default.removeItem(at: metrics)
        let arguments = ["sync", "--config", config, "--metrics-file", metrics.path] + (verbose ? [] : ["-q"])
        let run = try await program.run(arguments, scratch: scratch, showLog: verbose)
        let text = (try? String(contentsOf: metrics, encoding: .utf8)) ?? ""
        let summary = SyncRunSummary(metrics: text, exitCode: run.exitCode)
        if run.exitCode != 0, !run.stderr.isEmpty {
            FileHandle.standardError.write(Data(run.stderr.utf8))
        }
        return summary
    }
}
