import Foundation

extension SubmissionBatch {
    /// The members of `POST /_sim/instances`.
    static let members = ["count", "app", "completed", "eventLost", "duplicateEvent", "dataElements", "seed"]

    /// Parses and validates the body of `POST /_sim/instances`: an object of ``members`` (an empty body is
    /// `{}`, one completed instance). Unknown keys, wrong types and values out of range throw, saying what to
    /// write instead.
    init(json body: Data) throws(AdminRequestError) {
        let object = try AdminJSON.object(body, allowed: Self.members, example: #"{"count": 5}"#)
        self.init()
        if let value = object["count"] {
            count = Int(try AdminJSON.integer(value, "count", in: 1...Int64(Self.maxCount), example: 5))
        }
        if let value = object["app"] { app = try AdminJSON.string(value, "app", example: "ttd/skjema-a") }
        if let value = object["completed"] { completed = try AdminJSON.bool(value, "completed") }
        if let value = object["eventLost"] { eventLost = try AdminJSON.bool(value, "eventLost") }
        if let value = object["duplicateEvent"] { duplicateEvent = try AdminJSON.bool(value, "duplicateEvent") }
        if let value = object["seed"] {
            seed = UInt64(try AdminJSON.integer(value, "seed", in: 0...Int64.max, example: 42))
        }
        if let value = object["dataElements"] {
            guard case .array(let items) = value else {
                throw AdminRequestError(
                    "dataElements must be an array",
                    expected: #""dataElements": [{"kind": "attachment", "size": 5000}]"#)
            }
            dataElements = try items.map { item throws(AdminRequestError) in try SubmissionElement(json: item) }
        }
        try validate()
    }
}

extension SubmissionElement {
    /// One item of `dataElements`: `{"kind": "...", "size": N}`, `size` for attachments only.
    init(json value: JSONValue) throws(AdminRequestError) {
        let kinds = Kind.allCases.map(\.rawValue).joined(separator: ", ")
        guard case .object(let object) = value else {
            throw AdminRequestError(
                "a data element must be an object", expected: #"{"kind": "attachment", "size": 5000}"#)
        }
        try AdminJSON.checkKeys(object, allowed: ["kind", "size"], in: "a data element")
        guard let kindValue = object["kind"] else {
            throw AdminRequestError("a data element needs a kind", expected: "\"kind\": one of \(kinds)")
        }
        let name = try AdminJSON.string(kindValue, "kind", example: "attachment")
        guard let kind = Kind(rawValue: name) else {
            throw AdminRequestError("data element kind \"\(name)\" is unknown", expected: "one of \(kinds)")
        }
        var size: Int64?
        if let sizeValue = object["size"] {
            size = try AdminJSON.integer(sizeValue, "size", in: 0...SubmissionElement.maxSize, example: 250_000)
        }
        self.init(kind: kind, size: size)
    }
}
