import Foundation

/// Reading the admin API's JSON bodies strictly: an object of known members with values of the right type,
/// and an error that says what to write instead.
enum AdminJSON {
    /// `body` as an object whose keys are all in `allowed`; an empty body is `{}`.
    static func object(
        _ body: Data, allowed: [String], example: String
    ) throws(AdminRequestError) -> [String: JSONValue] {
        if body.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) { return [:] }
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: body) else {
            throw AdminRequestError("the body is not JSON", expected: "a JSON object, e.g. \(example)")
        }
        guard case .object(let object) = value else {
            throw AdminRequestError("the body is not a JSON object", expected: "a JSON object, e.g. \(example)")
        }
        try checkKeys(object, allowed: allowed, in: "the body")
        return object
    }

    /// Throws for the first key of `object` (in sorted order) that is not in `allowed`.
    static func checkKeys(_ object: [String: JSONValue], allowed: [String], in place: String) throws(AdminRequestError)
    {
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw AdminRequestError(
                "unknown key \"\(unknown)\" in \(place)", expected: "only \(allowed.joined(separator: ", "))")
        }
    }

    /// A whole number in `range`.
    static func integer(
        _ value: JSONValue, _ name: String, in range: ClosedRange<Int64>, example: Int64
    ) throws(AdminRequestError) -> Int64 {
        let expected = "\"\(name)\": a whole number \(range.lowerBound)...\(range.upperBound), e.g. \(example)"
        guard case .integer(let number) = value else {
            throw AdminRequestError("\(name) must be a whole number", expected: expected)
        }
        guard range.contains(number) else {
            throw AdminRequestError("\(name) \(number) is out of range", expected: expected)
        }
        return number
    }

    /// `true` or `false`.
    static func bool(_ value: JSONValue, _ name: String) throws(AdminRequestError) -> Bool {
        guard case .bool(let flag) = value else {
            throw AdminRequestError("\(name) must be true or false", expected: "\"\(name)\": true")
        }
        return flag
    }

    /// A string.
    static func string(_ value: JSONValue, _ name: String, example: String) throws(AdminRequestError) -> String {
        guard case .string(let text) = value else {
            throw AdminRequestError("\(name) must be a string", expected: "\"\(name)\": \"\(example)\"")
        }
        return text
    }
}
