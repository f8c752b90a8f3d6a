import AltinnAPI
import AltinnSimulator
import CurlHTTP
import Foundation
import Logging
import Maskinporten
import Testing

@Suite("The project's own clients against the simulator")
struct ClientCompatibilityTests {
    @Test("AltinnClient with AltinnAuthenticator: events, both document shapes, downloads, complete, reconcile")
    func fullFlow() async throws {
        try await withSimulator({ $0.instanceCount = 16 }) { harness in
            let project = try ProjectClient(harness)
            defer { project.remove() }
            let folder = project.folder
            let client = project.client
            let app = try AppID("ttd/skjema-a")
            let truth = harness.simulator.truth()

            let page = try await client.eventsPage(
                app: app, after: .start, types: ["app.instance.process.completed"], size: 100)
            #expect(page.next != nil)
            let ids = Set(
                try page.items.map { try #require($0.value) }.map { try InstanceID(try #require($0.resourceinstance)) })
            let expected = truth.instances.filter { $0.app == "skjema-a" && $0.completed && !$0.eventLost }
            #expect(Set(ids.map(\.description)) == Set(expected.map(\.instanceID)))

            for id in ids {
                let stored = try await client.instance(app: app, id: id, from: .storage)
                let viaApp = try await client.instance(app: app, id: id, from: .app)
                #expect(stored.instance.data.map(\.id) == viaApp.instance.data.map(\.id))
                let known = try #require(truth.instance(id.instanceGUID.description))
                for element in known.dataElements {
                    let path = folder.appending(path: element.id).path
                    let download = try await client.download(
                        app: app, id: id, element: try DataElementID(element.id), from: .storage, to: path)
                    #expect(download.sha256 == element.sha256)
                    #expect(download.byteCount == element.size)
                }
                let confirmed = try await client.complete(app: app, id: id, via: .storage)
                #expect(confirmed.completeConfirmations?.first?.stakeholderId == "ttd")
            }

            var reconciled: [String] = []
            var query = try await client.unconfirmedInstances(app: app, size: 1)
            reconciled += try query.items.map { try #require($0.value).id }
            while let next = query.next {
                query = try await client.unconfirmedInstances(next: next)
                reconciled += try query.items.map { try #require($0.value).id }
            }
            let lost = truth.instances.filter { $0.app == "skjema-a" && $0.completed && $0.eventLost }
            #expect(Set(reconciled) == Set(lost.map(\.instanceID)))
            #expect(reconciled.count == lost.count)
            #expect(harness.simulator.ledger().entries(.tokenExchanged).count == 1)
        }
    }

    @Test("a grant carrying a registered certificate in an x5c array is accepted")
    func certificateGrant() async throws {
        let folder = try WriteConfigTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        guard
            (try? Self.openssl(
                [
                    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "cert.pem", "-days",
                    "2",
                    "-subj", "/CN=ALTINN SIM TEST/O=TEST AS/C=NO",
                ], in: folder)) != nil
        else {
            Issue.record("the openssl command is needed for this test")
            return
        }
        let certificate = try #require(
            try Certificate.chain(pem: String(contentsOf: folder.appending(path: "cert.pem"), encoding: .utf8)).first)
        let key = try SigningIdentity.load(.pem(file: folder.appending(path: "key.pem").path, kid: "unused")).key
        try await withSimulator { harness in
            let client = GrantFactory(key: key, kid: "unused", clientID: "certificate-client")
            try harness.simulator.registerClient(
                RegisteredClient(
                    clientID: client.clientID, scopes: RegisteredClient.serviceOwnerScopes,
                    keys: [.certificate(der: certificate.der)]))
            let claims = client.claims(
                issuer: harness.simulator.maskinportenIssuer.absoluteString, now: harness.simulator.now)
            let accepted = try await MaskinportenTests.post(
                harness, try client.sign(claims, header: ["alg": "RS256", "x5c": [certificate.x5cValue]]))
            #expect(accepted.status == 200, "\(accepted.text)")
            let token = try #require(
                (try JSONSerialization.jsonObject(with: accepted.body) as? [String: Any])?["access_token"] as? String)
            let tokenClaims = try JSONSerialization.jsonObject(with: CompactJWS(token).payload) as? [String: Any]
            #expect(tokenClaims?["client_amr"] as? String == "virksomhetssertifikat")

            let other = try GrantFactory.make()
            let foreign = try await MaskinportenTests.post(
                harness,
                try client.sign(claims, header: ["alg": "RS256", "x5c": [certificate.x5cValue]], with: other.key))
            #expect(foreign.text.contains("MP-124"), "a certificate's key must have signed the grant")
        }
    }

    static func openssl(_ arguments: [String], in folder: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
    }
}
