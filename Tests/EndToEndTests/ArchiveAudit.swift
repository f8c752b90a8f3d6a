import AltinnAPI
import AltinnSimulator
import AltinnSync
import CurlHTTP
import Foundation
import Testing

/// Checks an archive against the guarantees in the README and against the simulator's truth.
struct ArchiveAudit {
    let archive: String
    let org: String

    /// Every instance folder under `<archive>/<org>/`: `app/party/guid`.
    func instanceFolders() throws -> [String] {
        let orgFolder = "\(archive)/\(org)"
        guard FileManager.default.fileExists(atPath: orgFolder) else { return [] }
        var folders: [String] = []
        for app in try FileManager.default.contentsOfDirectory(atPath: orgFolder) {
            for party in try FileManager.default.contentsOfDirectory(atPath: "\(orgFolder)/\(app)") {
                for guid in try FileManager.default.contentsOfDirectory(atPath: "\(orgFolder)/\(app)/\(party)") {
                    folders.append("\(app)/\(party)/\(guid)")
                }
            }
        }
        return folders.sorted()
    }

    /// Records an issue for any instance folder that is not complete and verified: a manifest valid against
    /// docs/manifest.schema.json, the instance document, and exactly the data files the manifest lists, each with
    /// its recorded size and SHA-256.
    /// Returns the manifests by instance id.
    @discardableResult
    func verifyEveryFolderIsComplete() throws -> [String: ArchiveManifest] {
        var manifests: [String: ArchiveManifest] = [:]
        for relative in try instanceFolders() {
            let folder = "\(archive)/\(org)/\(relative)"
            let entries = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
            #expect(entries == ["manifest.json", "instance.json", "data"], "\(relative) holds \(entries)")
            let manifestData = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/manifest.json"))
            let manifest = try JSONDecoder().decode(ArchiveManifest.self, from: manifestData)
            // Every manifest an end-to-end test produces keeps the consumers' contract.
            let violations = try JSONSchemaCheck.manifest().violations(of: manifestData)
            #expect(violations.isEmpty, "\(relative)/manifest.json: \(violations)")
            #expect(manifest.formatVersion == ArchiveManifest.currentFormatVersion)
            let instanceData = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/instance.json"))
            let instance = try AltinnJSON.decode(Instance.self, from: instanceData)
            #expect(try instance.instanceID.description == manifest.instanceId)
            let dataFiles = Set(try FileManager.default.contentsOfDirectory(atPath: "\(folder)/data"))
            #expect(dataFiles == Set(manifest.dataElements.map { String($0.path.dropFirst("data/".count)) }))
            for element in manifest.dataElements {
                let content = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(element.path)"))
                #expect(Int64(content.count) == element.bytes, "\(element.path)")
                #expect(SHA256Digest.hex(of: content) == element.sha256, "\(element.path)")
                #expect(element.path.hasPrefix("data/\(element.id)"))
            }
            manifests[manifest.instanceId] = manifest
        }
        return manifests
    }

    /// Records an issue unless every completed instance of `truth` is archived byte-exact (and, when
    /// `confirmed`, confirmed), and nothing else is archived.
    func verifyMatches(_ truth: SimulatorTruth, confirmed: Bool = true) throws {
        let manifests = try verifyEveryFolderIsComplete()
        let completed = truth.instances.filter(\.completed)
        #expect(Set(manifests.keys) == Set(completed.map(\.instanceID)))
        for instance in completed {
            guard let manifest = manifests[instance.instanceID] else { continue }
            if confirmed { #expect(instance.confirmed, "\(instance.instanceID) is not confirmed") }
            for element in instance.dataElements {
                let stored = manifest.dataElements.first { $0.id == element.id }
                #expect(stored?.sha256 == element.sha256, "\(instance.instanceID) element \(element.id)")
                #expect(stored?.filename == element.filename)
            }
            #expect(manifest.dataElements.count == instance.dataElements.count)
        }
    }

    /// Whether the staging area is empty (or absent).
    var stagingIsEmpty: Bool {
        let staging = "\(archive)/.altinn-sync-staging"
        return ((try? FileManager.default.contentsOfDirectory(atPath: staging)) ?? []).isEmpty
    }
}
