#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// The JSON form used for everything that is signed: compact, keys sorted, `/` not escaped.
///
/// Deterministic output makes grants reproducible in tests and byte-comparable across runs.
public enum CanonicalJSON {
    /// Encodes `value` compactly with sorted keys and unescaped slashes; absent optionals are omitted.
    public static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }
}
