import AltinnAPI
import AltinnSimulator
import CurlHTTP
import Foundation
import Testing

/// A downstream team's rehearsal: submissions keep arriving at the simulator (`--arrivals`, the admin API)
/// while `altinn-sync watch` runs, and each completed one lands in the archive, verified, and is confirmed.
@Suite(.serialized) struct RehearsalTests {
    @Test func submissionsAddedWhileWatchRunsAreArchivedAndConfirmed() async throws {
        let rate = try ArrivalRate(spec: "2/s")
        let e2e = try await EndToEnd.start(instances: 4) {
            $0.arrivals = rate
            $0.lostEventShare = 0
        }
        defer { Task { await e2e.finish() } }
        let http = HTTPClient()
        defer { http.shutdown() }
        let watch = try e2e.launch(["watch", "--interval", "1s"])

        let added = try await Self.addSubmissions(#"{"count": 3, "app": "skjema-b"}"#, at: e2e.simulator.baseURL, http)
        #expect(added.instances.count == 3)
        let done = try await Self.waitUntil(seconds: 60) {
            let truth = e2e.simulator.truth()
            let arrived = Set(
                e2e.simulator.ledger().entries(.instanceAdded).filter { $0.route == "arrivals" }
                    .compactMap(\.instanceID))
            let confirmedArrivals = truth.instances.filter { arrived.contains($0.instanceID) && $0.confirmed }
            let confirmedAdded = added.instances.filter { truth.instance($0.guid)?.confirmed == true }
            return confirmedArrivals.count >= 4 && confirmedAdded.count == 3
        }
        #expect(done, "arrivals and added submissions confirmed: \(watch.stderrSoFar.suffix(2000))")
        watch.signal(SIGTERM)
        let run = await watch.finish()
        #expect(run.exitCode == 0 || run.exitCode == 130, "\(run.exitCode) \(run.stderr.suffix(2000))")
        try Self.verifyArchive(ArchiveAudit(archive: e2e.archive, org: "ttd"), against: e2e.simulator.truth())
        for instance in e2e.simulator.truth().instances where instance.confirmed {
            let completes = e2e.simulator.ledger().completes(of: instance.instanceID)
            #expect(completes.filter { $0.newConfirmation == true }.count == 1, "\(instance.instanceID)")
        }
    }

    @Test func theAltinnSimProgramWithArrivalsFeedsWatchAsTheDocsSay() async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "altinn-sim-rehearsal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let program = EndToEnd.builtProgram("altinn-sim")
        try #require(FileManager.default.isExecutableFile(atPath: program.path), "build altinn-sim first")
        let configPath = folder.appending(path: "altinn-sync.json").path
        let simulator = try RunningProcess(
            executable: program,
            arguments: [
                "--port", "0", "--instances", "3", "--arrivals", "120/min", "--visibility-lag", "1",
                "--lost-event-share", "0", "--write-config", configPath,
            ], environment: [:], folder: folder)
        defer { if simulator.process.isRunning { simulator.signal(SIGKILL) } }
        var base: URL?
        _ = try await Self.waitUntil(seconds: 20) {
            base = simulator.stdoutSoFar.split(separator: "\n").first { $0.hasPrefix("listening on ") }
                .flatMap { URL(string: String($0.dropFirst("listening on ".count))) }
            return base != nil
        }
        let baseURL = try #require(base, "altinn-sim printed no address: \(simulator.stderrSoFar)")
        let http = HTTPClient()
        defer { http.shutdown() }
        let watch = try RunningProcess(
            executable: EndToEnd.binary, arguments: ["watch", "--interval", "1s", "--config", configPath],
            environment: [:], folder: folder)
        let added = try await Self.addSubmissions(#"{"count": 2}"#, at: baseURL, http)

        var truth = SimulatorTruth(org: "ttd", apps: [], instances: [])
        let done = try await Self.waitUntil(seconds: 60) {
            truth = try await Self.get(SimulatorTruth.self, "/_sim/truth", at: baseURL, http)
            let seeded = 3
            let confirmedArrivals = truth.instances.dropFirst(seeded).filter {
                $0.confirmed && !added.instances.map(\.guid).contains($0.guid)
            }
            return confirmedArrivals.count >= 3
                && added.instances.allSatisfy { truth.instance($0.guid)?.confirmed == true }
        }
        #expect(done, "\(watch.stderrSoFar.suffix(2000))")
        watch.signal(SIGTERM)
        simulator.signal(SIGTERM)
        let watchRun = await watch.finish()
        let simulatorRun = await simulator.finish()
        #expect(watchRun.exitCode == 0 || watchRun.exitCode == 130, "\(watchRun.stderr.suffix(2000))")
        #expect(simulatorRun.exitCode == 0, "\(simulatorRun.stderr)")
        try Self.verifyArchive(
            ArchiveAudit(archive: folder.appending(path: "archive").path, org: "ttd"), against: truth)
    }

    /// Every archived folder is complete and matches the truth; every confirmed instance is archived.
    static func verifyArchive(_ audit: ArchiveAudit, against truth: SimulatorTruth) throws {
        let manifests = try audit.verifyEveryFolderIsComplete()
        for (id, manifest) in manifests {
            let instance = try #require(truth.instances.first { $0.instanceID == id }, "\(id) is not in the truth")
            #expect(instance.completed)
            #expect(manifest.dataElements.count == instance.dataElements.count)
            for element in instance.dataElements {
                #expect(manifest.dataElements.first { $0.id == element.id }?.sha256 == element.sha256)
            }
        }
        for instance in truth.instances where instance.confirmed {
            #expect(manifests[instance.instanceID] != nil, "confirmed but not archived: \(instance.instanceID)")
        }
    }

    /// `POST <base>/_sim/instances` with `body`; the answer in the shape of the truth.
    static func addSubmissions(_ body: String, at base: URL, _ http: HTTPClient) async throws -> SimulatorTruth {
        let request = HTTPRequest(
            method: .post, url: base.appending(path: "_sim/instances"), headers: ["Content-Type": "application/json"],
            body: Data(body.utf8))
        let response = try await http.send(request)
        #expect(response.status == 201)
        return try JSONDecoder().decode(SimulatorTruth.self, from: response.body)
    }

    /// `GET <base><path>` decoded as `type`.
    static func get<T: Decodable>(_ type: T.Type, _ path: String, at base: URL, _ http: HTTPClient) async throws -> T {
        let response = try await http.send(HTTPRequest(url: base.appending(path: path)))
        return try JSONDecoder().decode(type, from: response.body)
    }

    /// Polls `condition` every 200 ms until it holds or `seconds` have passed; returns whether it held.
    static func waitUntil(seconds: Int, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        return try await condition()
    }
}

extension EndToEnd {
    /// A program built beside `altinn-sync`, such as `altinn-sim`: next to ``binary``, else in the build
    /// folder above the test bundle.
    static func builtProgram(_ name: String) -> URL {
        let beside = binary.deletingLastPathComponent().appending(path: name)
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appending(path: name).path), folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder.appending(path: name)
    }
}
