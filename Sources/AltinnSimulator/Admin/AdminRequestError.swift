/// A request to the admin API that cannot be done: the status, what is wrong, and what to write instead.
/// Answered as `{"error": "...", "expected": "..."}`.
public struct AdminRequestError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status: 400 for a bad request, 404 for an unknown instance, 409 for a conflict.
    public let status: Int
    /// What is wrong.
    public let error: String
    /// What to write instead (empty when nothing would help).
    public let expected: String

    init(_ error: String, expected: String, status: Int = 400) {
        self.status = status
        self.error = error
        self.expected = expected
    }

    /// The message, with the remedy.
    public var description: String {
        expected.isEmpty ? error : "\(error); expected \(expected)"
    }

    /// The JSON answer.
    var response: SimResponse {
        .json(status, encoding: ["error": error, "expected": expected], sortedKeys: true)
    }
}
