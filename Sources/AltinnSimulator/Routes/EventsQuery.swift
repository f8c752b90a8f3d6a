import Foundation

/// The parameters of `GET /events/api/v1/app/{org}/{app}`, bound and validated as Events does.
struct EventsQuery: Sendable {
    /// The cursor: an event id, possibly unknown or `0`.
    var after: String
    var from: Ticks?
    var to: Ticks?
    var party: String?
    var unit: String?
    var person: String?
    /// ILIKE patterns; empty for every type.
    var types: [LikePattern]
    var size: Int

    /// The default page size.
    static let defaultSize = 50

    /// Binds and validates; a failure is the 400 Events answers, with its exact texts.
    static func parse(_ query: QueryParameters, person: String?) -> Result<EventsQuery, SimResponseError> {
        var bindingErrors: [String: [String]] = [:]
        // `size` and `party` bind to C# `int`: a value beyond Int32 does not bind.
        func bindInt(_ name: String) -> Int? {
            guard let text = query.first(name) else { return nil }
            guard let value = Int32(text.trimmingCharacters(in: .whitespaces)).map(Int.init) else {
                bindingErrors[name, default: []].append("The value '\(text)' is not valid.")
                return nil
            }
            return value
        }
        func bindDate(_ name: String) -> QueryDate? {
            guard let text = query.first(name), !text.isEmpty else { return nil }
            guard let value = QueryDate(text) else {
                bindingErrors[name, default: []].append("The value '\(text)' is not valid for \(name.capitalized).")
                return nil
            }
            return value
        }
        let size = bindInt("size")
        let party = bindInt("party")
        let from = bindDate("from")
        let to = bindDate("to")
        guard bindingErrors.isEmpty else { return .failure(SimResponseError(.validationProblem(bindingErrors))) }

        let after = query.first("after") ?? ""
        let unit = query.first("unit")
        let person = person.flatMap { $0.isEmpty ? nil : $0 }
        let detail: String? =
            if after.isEmpty && from == nil {
                "The 'From' or 'After' parameter must be defined."
            } else if let from, !from.hasZone {
                "The 'From' parameter must specify timezone. E.g. 2022-07-07T11:00:53.3917Z for UTC"
            } else if let to, !to.hasZone {
                "The 'To' parameter must specify timezone. E.g. 2022-07-07T11:00:53.3917Z for UTC"
            } else if let size, size < 1 {
                "The 'Size' parameter must be a number larger that 0."
            } else if party != nil && person != nil {
                "Only one of 'Party' or 'Person' can be defined."
            } else if party != nil && unit != nil {
                "Only one of 'Party' or 'Unit' can be defined."
            } else if let unit, unit.count != 9 || !unit.allSatisfy({ $0.isASCII && $0.isNumber }) {
                "Value of 'Unit' needs to be exactly 9 digits."
            } else {
                nil
            }
        if let detail {
            return .failure(SimResponseError(.problem(400, title: "Bad Request", detail: detail)))
        }
        return .success(
            EventsQuery(
                after: after, from: from?.ticks, to: to?.ticks, party: party.map(String.init), unit: unit,
                person: person, types: query.values("type").map(LikePattern.init), size: size ?? defaultSize))
    }
}

/// A response carried as an error, for validation steps that end the request.
struct SimResponseError: Error, Sendable {
    let response: SimResponse

    init(_ response: SimResponse) {
        self.response = response
    }
}
