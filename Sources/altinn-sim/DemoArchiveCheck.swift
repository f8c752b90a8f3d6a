import AltinnSimulator
import CurlHTTP
import Foundation

/// Compares an archive with the simulator's truth, file by file, reading only what a consumer reads: the
/// documented layout `<archive>/<org>/<app>/<partyId>/<guid>/` and each instance's `manifest.json`.
struct DemoArchiveCheck {
    /// Whether every completed submission is archived, matches the simulator's SHA-256 and is confirmed.
    var passed: Bool
    /// What was checked, or every problem found.
    var text: String
    /// One archived instance's files, to show what the archive looks like.
    var example: String?

    /// The part of `manifest.json` the check reads.
    private struct Manifest: Decodable {
        struct Element: Decodable {
            var id: String
            var path: String
        }
        var dataElements: [Element]
    }

    init(truth: SimulatorTruth, archive: URL) {
        var problems: [String] = []
        var files = 0
        var bytes: Int64 = 0
        var example: String?
        let completed = truth.instances.filter(\.completed)
        for instance in completed {
            let folder = archive.appending(path: instance.org).appending(path: instance.app)
                .appending(path: instance.partyId).appending(path: instance.guid)
            guard let data = FileManager.default.contents(atPath: folder.appending(path: "manifest.json").path),
                let manifest = try? JSONDecoder().decode(Manifest.self, from: data)
            else {
                problems.append("\(instance.instanceID) is not archived")
                continue
            }
            if !instance.confirmed { problems.append("\(instance.instanceID) is not confirmed") }
            for element in instance.dataElements {
                guard let stored = manifest.dataElements.first(where: { $0.id == element.id }),
                    let content = FileManager.default.contents(atPath: folder.appending(path: stored.path).path)
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
                    (["  \(folder.path)/", "    instance.json", "    manifest.json"]
                    + manifest.dataElements.map { "    \($0.path)" }).joined(separator: "\n")
            }
        }
        self.example = example
        passed = problems.isEmpty
        text =
            problems.isEmpty
            ? "verified: all \(completed.count) completed submissions are archived (\(files) data files, "
                + "\(bytes) bytes, each matching the simulator's SHA-256) and confirmed to Altinn."
            : "verification FAILED:\n  " + problems.joined(separator: "\n  ")
    }
}
