import AltinnSimulator
import CurlHTTP
import Foundation
import Maskinporten
import Testing

@Suite("writeConfig and the altinn-sim program")
struct WriteConfigTests {
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appending(path: "altinn-sim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("the written config has exactly the documented keys, a 0600 key, and works with our Maskinporten client")
    func writtenConfigWorks() async throws {
        try await withSimulator { harness in
            let folder = try Self.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let written = try harness.simulator.writeConfig(to: folder.appending(path: "altinn-sync.json").path)
            let config = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: written.configPath)))
                    as? [String: Any])
            #expect(
                Set(config.keys) == [
                    "environment", "endpoints", "org", "apps", "maskinporten", "archiveDir", "stateDir",
                ])
            let base = harness.simulator.baseURL.absoluteString
            #expect(config["environment"] as? String == "custom")
            #expect(
                config["endpoints"] as? [String: String] == [
                    "maskinporten": "\(base)/maskinporten/", "platform": base, "apps": "\(base)/apps",
                ])
            #expect(config["apps"] as? [String] == ["ttd/skjema-a", "ttd/skjema-b"])
            #expect(config["archiveDir"] as? String == "archive" && config["stateDir"] as? String == "state")
            let maskinporten = try #require(config["maskinporten"] as? [String: Any])
            #expect(maskinporten["clientId"] as? String == written.clientID)
            #expect(
                maskinporten["scopes"] as? [String] == [
                    "altinn:serviceowner/instances.read", "altinn:serviceowner/instances.write",
                ])
            #expect(
                maskinporten["key"] as? [String: String] == [
                    "type": "pem", "file": "client-key.pem", "kid": written.keyID,
                ])
            let attributes = try FileManager.default.attributesOfItem(atPath: written.keyPath)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            #expect(written.keyPath == folder.appending(path: "client-key.pem").path)

            // The key and client work end to end with the project's own Maskinporten client.
            let identity = try SigningIdentity.load(.pem(file: written.keyPath, kid: written.keyID))
            let client = MaskinportenClient(
                configuration: MaskinportenConfiguration(
                    issuer: harness.simulator.maskinportenIssuer, clientID: written.clientID,
                    scopes: ["altinn:serviceowner/instances.read", "altinn:serviceowner/instances.write"]),
                identity: identity, httpClient: harness.client)
            let token = try await client.fetchToken()
            let exchanged = try await harness.get(
                "/authentication/api/v1/exchange/maskinporten", token: token.token.value)
            #expect(exchanged.status == 200)
            let events = try await harness.get("/events/api/v1/app/ttd/skjema-a?after=0", token: exchanged.text)
            #expect(events.status == 200)
        }
    }

    /// The built `altinn-sim`, beside the test bundle.
    static var binary: URL? {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let candidates = [
            runner.deletingLastPathComponent().appending(path: "altinn-sim"),
            Bundle.main.bundleURL.appending(path: "altinn-sim"),
            Bundle.main.bundleURL.deletingLastPathComponent().appending(path: "altinn-sim"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    @Test(
        "altinn-sim prints the listening line, writes the config, serves, and stops on SIGTERM",
        .enabled(if: binary != nil, "altinn-sim is not built"))
    func program() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let configPath = folder.appending(path: "altinn-sync.json").path
        let process = Process()
        guard let binary = Self.binary else { return }
        process.executableURL = binary
        process.arguments = [
            "--port", "0", "--instances", "5", "--seed", "3", "--write-config", configPath, "--pending-scan-instance",
            "--hard-deleted-element", "--no-size-absent-element",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let line = try Self.readLine(output.fileHandleForReading)
        let match = try #require(line.wholeMatch(of: /listening on http:\/\/127\.0\.0\.1:(\d+)/))
        let port = try #require(Int(match.1))
        #expect(FileManager.default.fileExists(atPath: configPath))
        let client = HTTPClient(configuration: HTTPClientConfiguration(retry: .never))
        defer { client.shutdown() }
        let truth = try await client.send(
            HTTPRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)/_sim/truth"))))
        let decoded = try JSONDecoder().decode(SimulatorTruth.self, from: truth.body)
        #expect(decoded.instances.count == 5)
        let elements = decoded.instances.flatMap(\.dataElements)
        #expect(elements.contains { $0.fileScanResult == "Pending" }, "--pending-scan-instance")
        #expect(elements.contains { $0.isHardDeleted }, "--hard-deleted-element")
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
    }

    @Test(
        "altinn-sim refuses a bad fault spec with a usage error",
        .enabled(if: binary != nil, "altinn-sim is not built"))
    func badOption() throws {
        let process = Process()
        guard let binary = Self.binary else { return }
        process.executableURL = binary
        process.arguments = ["--fault", "events:418"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 64)
        #expect(message.contains("fault kind \"418\" is unknown"))
    }

    /// One line from `handle`, waiting for it.
    static func readLine(_ handle: FileHandle) throws -> String {
        var bytes = Data()
        while true {
            let chunk = handle.readData(ofLength: 1)
            if chunk.isEmpty || chunk == Data("\n".utf8) { break }
            bytes.append(chunk)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
