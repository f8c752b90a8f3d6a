/// An invalid configuration: which key, what is wrong, and what is expected. Exit code 78.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    /// The configuration file, when the error is about one.
    public var file: String?
    /// The dotted key path, e.g. `maskinporten.key.type`; empty for the file as a whole.
    public var key: String
    /// What is wrong and what is expected.
    public var problem: String

    /// Creates an error about `key`.
    public init(file: String? = nil, key: String, problem: String) {
        self.file = file
        self.key = key
        self.problem = problem
    }

    public var description: String {
        let location = [file, key.isEmpty ? nil : key].compactMap { $0 }.joined(separator: ": ")
        return location.isEmpty ? problem : "\(location): \(problem)"
    }
}
