import AltinnAPI
import AltinnSimulator
import AltinnSync
import ArgumentParser
import CurlHTTP
import Foundation
import Logging

/// `altinn-sync demo`: the whole job against a local simulator, in one command.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole job against a bundled Altinn simulator and show the archive it makes.",
        discussion: """
            Starts a local Altinn and Maskinporten simulator with seeded submissions (some with lost events, \
            so reconciliation has work), writes a configuration for it, runs sync, lets new submissions arrive, \
            runs sync again, and checks every archived file against the simulator's own checksums. Safe to run \
            again: the second time, everything is already archived.
            """)

    @Option(name: .long, help: "The folder for the configuration, archive and state.")
    var directory: String = "altinn-sync-demo"

    @Option(name: .long, help: "How many submissions the simulator starts with.")
    var instances: Int = 20

    @Option(name: .long, help: "The seed of the simulator's data.")
    var seed: UInt64 = 1

    @Flag(name: .shortAndLong, help: "Show the tool's log lines on stderr.")
    var verbose = false

    func validate() throws {
        guard (1...10_000).contains(instances) else { throw ValidationError("--instances must be 1 to 10000.") }
    }

    func run() async throws {
        let level: Logger.Level = verbose ? .info : .warning
        LoggingSystem.bootstrap { StandardErrorLogHandler(label: $0, format: .text, logLevel: level) }
        let logger = Logger(label: "altinn-sync")
        let folder = URL(fileURLWithPath: directory).standardizedFileURL
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

        var simulation = SimulatorConfiguration()
        simulation.seed = seed
        simulation.instanceCount = instances
        let simulator = try await AltinnSimulator.start(simulation)
        defer { Task { await simulator.stop() } }
        let written = try simulator.writeConfig(to: folder.appending(path: "altinn-sync.json").path)
        let configuration = try ConfigurationLoader.load(path: written.configPath)
        // Each demo starts a new simulator, which knows nothing of an earlier demo's events and tokens: forget the
        // cursor and the cached token too. The archive stays, and nothing in it is downloaded again.
        let store = StateStore(directory: configuration.stateDirectory)
        for path in [store.statePath, store.ledgerPath, store.tokenCachePath] {
            try? FileManager.default.removeItem(atPath: path)
        }

        let truth = simulator.truth()
        let completed = truth.instances.filter(\.completed)
        print(
            "A local Altinn simulator runs at \(simulator.baseURL) for this demo, with \(truth.instances.count) submissions"
        )
        print(
            "in \(truth.apps.joined(separator: " and ")): \(completed.count) completed "
                + "(\(completed.filter(\.eventLost).count) of them with a lost event), the rest still in progress.")
        print("")

        let session = try SyncSession(
            configuration: configuration, environment: ProcessInfo.processInfo.environment, logger: logger)
        let run = SyncRun(
            configuration: configuration, endpoints: session.endpoints, gateway: session.client, logger: logger)
        let first = await run.run()
        print("sync, first run:  " + DemoText.summary(first))

        let arriving = 3
        for index in 0..<arriving {
            simulator.addInstance(app: truth.apps[index % truth.apps.count])
        }
        print("\(arriving) new submissions arrive...")
        let second = await run.run()
        print("sync, second run: " + DemoText.summary(second))
        print("")

        let verification = DemoVerification.check(truth: simulator.truth(), layout: configuration.layout)
        print(verification.text)
        print("")
        print("archive: \(configuration.archiveDirectory)")
        if let example = verification.example {
            print("one instance:")
            print(example)
        }
        print("")
        print("config:  \(written.configPath)")
        print("next:    altinn-sync status --config \(written.configPath)")
        print("         (the simulator stops with the demo; to run sync or check yourself, start altinn-sim,")
        print("         see docs/simulator.md)")
        if first.exitCode != ExitStatus.success || second.exitCode != ExitStatus.success || !verification.passed {
            throw ExitCode(max(first.exitCode, second.exitCode, ExitStatus.internalFailure))
        }
    }
}

/// The demo's one-line run summaries.
enum DemoText {
    static func summary(_ report: RunReport) -> String {
        let counts = report.counts
        var text =
            "\(counts.eventsSeen) events, \(counts.instancesArchived) archived, "
            + "\(counts.instancesAlreadyArchived) already archived, \(counts.instancesConfirmed) confirmed, "
            + "\(counts.instancesFailed) failed (\(report.result))"
        if let abort = report.abort { text += ": \(abort.message)" }
        return text
    }
}

/// Compares the archive with the simulator's truth, file by file.
enum DemoVerification {
    struct Result {
        var passed: Bool
        var text: String
        var example: String?
    }

    static func check(truth: SimulatorTruth, layout: ArchiveLayout) -> Result {
        var problems: [String] = []
        var files = 0
        var bytes: Int64 = 0
        var example: String?
        let completed = truth.instances.filter(\.completed)
        for instance in completed {
            guard let app = try? AppID(org: Org(instance.org), app: instance.app),
                let id = try? InstanceID(instance.instanceID)
            else {
                problems.append("the simulator reports an instance with unusable ids: \(instance.instanceID)")
                continue
            }
            let folder = layout.instanceDirectory(app: app, instance: id)
            guard let data = FileManager.default.contents(atPath: folder + "/manifest.json"),
                let manifest = try? JSONDecoder().decode(ArchiveManifest.self, from: data)
            else {
                problems.append("\(instance.instanceID) is not archived")
                continue
            }
            if !instance.confirmed { problems.append("\(instance.instanceID) is not confirmed") }
            for element in instance.dataElements {
                guard let stored = manifest.dataElements.first(where: { $0.id == element.id }),
                    let content = FileManager.default.contents(atPath: folder + "/" + stored.path)
                else {
                    problems.append("\(instance.instanceID): data element \(element.id) is missing")
                    continue
                }
                if SHA256Digest.hex(of: content) != element.sha256 {
                    problems.append("\(instance.instanceID): data element \(element.id) differs")
                }
                files += 1
                bytes += Int64(content.count)
            }
            if example == nil, manifest.dataElements.count >= 3 {
                example =
                    (["  \(folder)/", "    instance.json", "    manifest.json"]
                    + manifest.dataElements.map { "    \($0.path)" }).joined(separator: "\n")
            }
        }
        guard problems.isEmpty else {
            return Result(passed: false, text: "verification FAILED:\n  " + problems.joined(separator: "\n  "))
        }
        return Result(
            passed: true,
            text: "verified: all \(completed.count) completed submissions are archived (\(files) data files, "
                + "\(bytes) bytes, each matching the simulator's SHA-256) and confirmed to Altinn.",
            example: example)
    }
}
