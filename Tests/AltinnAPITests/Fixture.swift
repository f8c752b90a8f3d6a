import AltinnAPI
import Foundation
import Testing

/// Reads the Altinn test data copied into `Fixtures/` (see `Fixtures/SOURCES.md`).
enum Fixture {
    /// The fixture folder inside the test bundle.
    static func folder() throws -> URL {
        try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    }

    /// The bytes of `path`, relative to the fixture folder, exactly as stored (BOM included).
    static func data(_ path: String) throws -> Data {
        try Data(contentsOf: folder().appending(path: path))
    }

    /// An internal Storage instance document as Storage's API serves it: with `data`, which Storage fills from
    /// its data element table (empty when the document names none).
    static func servedByStorage(_ document: Data) throws -> Data {
        let body = document.starts(with: [0xEF, 0xBB, 0xBF]) ? document.dropFirst(3) : document[...]
        var object = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        if object["data"] == nil { object["data"] = [Any]() }
        return try JSONSerialization.data(withJSONObject: object)
    }

    /// Every `.json` file under the fixture folder, as paths relative to it, sorted.
    static func allJSONPaths() throws -> [String] {
        let root = try folder().standardizedFileURL
        let enumerator = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
        var paths: [String] = []
        for case let url as URL in enumerator where url.pathExtension == "json" {
            paths.append(String(url.standardizedFileURL.path.dropFirst(root.path.count + 1)))
        }
        return paths.sorted()
    }
}

/// A row of the Events database as in `altinn-events/1.json` and `2.json`: the API returns only `cloudEvent`.
struct EventRow: Decodable {
    var sequenceno: Int
    var type: String
    var cloudEvent: CloudEvent
}
