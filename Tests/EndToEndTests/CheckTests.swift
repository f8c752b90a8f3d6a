import AltinnSimulator
import Foundation
import Testing

/// `check`: its remedies match the actual refusal, and `--offline` checks without the network.
@Suite(.serialized) struct CheckTests {
    @Test func offlineChecksConfigurationFoldersAndKeyWithoutAnyRequest() async throws {
        let e2e = try await EndToEnd.start(instances: 2)
        defer { Task { await e2e.finish() } }
        let run = try await e2e.run(["check", "--offline"])
        #expect(run.exitCode == 0, "\(run.stdout)\(run.stderr)")
        for step in ["configuration", "archive folder", "state folder", "signing key"] {
            #expect(run.stdout.contains("ok   \(step)"), "\(step): \(run.stdout)")
        }
        #expect(run.stdout.contains("kid altinn-sim-"), "the key was loaded: \(run.stdout)")
        #expect(!run.stdout.contains("Maskinporten token"), "\(run.stdout)")
        #expect(e2e.simulator.ledger().entries.isEmpty, "no request reached Maskinporten or Altinn")

        // A key that does not load fails offline too.
        try e2e.editConfig { json in
            var maskinporten = json["maskinporten"] as? [String: Any] ?? [:]
            var key = maskinporten["key"] as? [String: Any] ?? [:]
            key["file"] = "damaged.pem"
            maskinporten["key"] = key
            json["maskinporten"] = maskinporten
        }
        let damaged = e2e.folder.appending(path: "damaged.pem").path
        try Data("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n".utf8).write(
            to: URL(fileURLWithPath: damaged))
        chmod(damaged, 0o600)
        let bad = try await e2e.run(["check", "--offline"])
        #expect(bad.exitCode == 2, "\(bad.stdout)")
        #expect(bad.stdout.contains("FAIL signing key"), "\(bad.stdout)")
        #expect(e2e.simulator.ledger().entries.isEmpty)
    }

    @Test func aWrongKidGetsAKidRemedy() async throws {
        let e2e = try await EndToEnd.start(instances: 2)
        defer { Task { await e2e.finish() } }
        try e2e.editConfig { json in
            var maskinporten = json["maskinporten"] as? [String: Any] ?? [:]
            var key = maskinporten["key"] as? [String: Any] ?? [:]
            key["kid"] = "not-the-registered-kid"
            maskinporten["key"] = key
            json["maskinporten"] = maskinporten
        }
        let run = try await e2e.run(["check"])
        #expect(run.exitCode == 2)
        #expect(run.stdout.contains("FAIL Maskinporten token"), "\(run.stdout)")
        #expect(run.stdout.contains("MP-120"), "\(run.stdout)")
        let remedy = try #require(run.stdout.split(separator: "\n").first { $0.contains("->") })
        #expect(remedy.contains("maskinporten.key.kid"), "\(remedy)")
        #expect(remedy.contains("registered on the client"), "\(remedy)")
        #expect(!run.stdout.contains("business certificate"), "\(run.stdout)")
    }

    @Test func aHostClockAheadIsNamedAsSuchWithoutAClientIdRemedy() async throws {
        let e2e = try await EndToEnd.start(instances: 2)
        defer { Task { await e2e.finish() } }
        // Maskinporten's clock 95 s behind this host's: the grant is issued "in the future".
        e2e.simulator.advanceClock(by: -95)
        let run = try await e2e.run(["check"])
        #expect(run.exitCode == 2)
        #expect(run.stdout.contains("FAIL Maskinporten token"), "\(run.stdout)")
        #expect(run.stdout.contains("Issue time is after now"), "\(run.stdout)")
        let remedy = try #require(run.stdout.split(separator: "\n").first { $0.contains("->") })
        #expect(remedy.contains("host clock is ahead"), "\(remedy)")
        #expect(!run.stdout.contains("expired"), "\(run.stdout)")
        #expect(!run.stdout.contains("clientId"), "\(run.stdout)")
    }
}
