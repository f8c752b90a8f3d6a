import Foundation
import Testing

/// Checks JSON values against the parts of JSON Schema that `docs/manifest.schema.json` uses: `type`,
/// `required`, `properties`, `additionalProperties: false`, `enum`, `const`, `pattern`, `items` and `minimum`
/// (`format` and descriptions are annotations). Returns every violation, with its path.
struct JSONSchemaCheck {
    let schema: [String: Any]

    /// The project's manifest schema.
    static func manifest() throws -> JSONSchemaCheck {
        var root = URL(fileURLWithPath: #filePath)
        while !FileManager.default.fileExists(atPath: root.appending(path: "docs/manifest.schema.json").path) {
            root.deleteLastPathComponent()
            try #require(root.path != "/", "docs/manifest.schema.json not found above \(#filePath)")
        }
        let data = try Data(contentsOf: root.appending(path: "docs/manifest.schema.json"))
        return JSONSchemaCheck(schema: try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]))
    }

    /// The violations of `data` (a JSON document).
    func violations(of data: Data) throws -> [String] {
        violations(of: try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]), schema, at: "$")
    }

    private func violations(of value: Any, _ schema: [String: Any], at path: String) -> [String] {
        var problems: [String] = []
        if let type = schema["type"] as? String, !Self.matches(value, type) {
            return ["\(path): expected \(type), got \(value)"]
        }
        if let allowed = schema["enum"] as? [Any], !allowed.contains(where: { Self.equal($0, value) }) {
            problems.append("\(path): \(value) is not one of \(allowed)")
        }
        if let constant = schema["const"], !Self.equal(constant, value) {
            problems.append("\(path): expected \(constant), got \(value)")
        }
        if let pattern = schema["pattern"] as? String, let text = value as? String,
            text.range(of: pattern, options: .regularExpression) == nil
        {
            problems.append("\(path): \"\(text)\" does not match \(pattern)")
        }
        if let minimum = schema["minimum"] as? Double, let number = (value as? NSNumber)?.doubleValue, number < minimum
        {
            problems.append("\(path): \(number) is below \(minimum)")
        }
        if let object = value as? [String: Any] {
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                problems.append("\(path): required member \(key) is missing")
            }
            let properties = schema["properties"] as? [String: [String: Any]] ?? [:]
            for (key, member) in object {
                if let memberSchema = properties[key] {
                    problems += violations(of: member, memberSchema, at: "\(path).\(key)")
                } else if schema["additionalProperties"] as? Bool == false {
                    problems.append("\(path): member \(key) is not in the schema")
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, item) in array.enumerated() { problems += violations(of: item, items, at: "\(path)[\(index)]") }
        }
        return problems
    }

    private static func matches(_ value: Any, _ type: String) -> Bool {
        let number = value as? NSNumber
        // JSONSerialization reads true and false as numbers of Objective-C type "c".
        let isBool = number.map { String(cString: $0.objCType) == "c" } ?? false
        switch type {
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "boolean": return isBool
        case "integer": return !isBool && number.map { $0.doubleValue == $0.doubleValue.rounded() } ?? false
        case "number": return !isBool && number != nil
        default: return false
        }
    }

    private static func equal(_ lhs: Any, _ rhs: Any) -> Bool {
        switch (lhs, rhs) {
        case (let a as String, let b as String): a == b
        case (let a as NSNumber, let b as NSNumber): a == b
        default: false
        }
    }
}

@Suite struct ManifestSchemaTests {
    static let valid = """
        {"formatVersion": 2, "tool": "altinn-sync", "toolVersion": "0.1.0", "org": "ttd", "appId": "ttd/app",
         "instanceId": "50001/6f0d6f2e-1f7e-4a39-9d6b-0d6a3f1b8a11", "partyId": "50001",
         "instanceGuid": "6f0d6f2e-1f7e-4a39-9d6b-0d6a3f1b8a11", "archivedAt": "2026-01-01T00:00:00Z",
         "foundBy": "events", "events": [{"id": "e1"}],
         "dataElements": [{"id": "d1", "bytes": 3, "sha256": "\(String(repeating: "a", count: 64))",
                           "path": "data/d1.xml", "sizeVerified": true}],
         "confirmation": {"state": "confirmed", "confirmedAt": "2026-01-01T00:00:01Z"}, "journalSequence": 7}
        """

    @Test func aManifestAsWrittenIsValid() throws {
        #expect(try JSONSchemaCheck.manifest().violations(of: Data(Self.valid.utf8)).isEmpty)
    }

    @Test(arguments: [
        ("\"journalSequence\": 7", "\"journalSequence\": 0", "below"),
        ("\"state\": \"confirmed\"", "\"state\": \"done\"", "is not one of"),
        ("\"path\": \"data/d1.xml\"", "\"path\": \"../d1.xml\"", "does not match"),
        ("\"partyId\": \"50001\",", "", "required member partyId"),
        ("\"foundBy\": \"events\"", "\"foundBy\": \"events\", \"extra\": 1", "not in the schema"),
        ("\"bytes\": 3", "\"bytes\": \"3\"", "expected integer"),
    ])
    func theSchemaRefusesWhatTheContractDoesNotAllow(original: String, changed: String, problem: String) throws {
        let document = Self.valid.replacingOccurrences(of: original, with: changed)
        let violations = try JSONSchemaCheck.manifest().violations(of: Data(document.utf8))
        #expect(violations.contains { $0.contains(problem) }, "\(violations)")
    }
}
