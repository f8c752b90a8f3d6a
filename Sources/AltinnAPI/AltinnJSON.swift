#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// Decoding and encoding of Altinn JSON documents, with errors that say where a document went wrong.
public enum AltinnJSON {
    /// Decodes `type` from `data`, ignoring a leading UTF-8 byte order mark (Altinn's test data has one).
    ///
    /// Throws ``AltinnAPIError/Code/invalidDocument`` naming the JSON path and the problem.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(AltinnAPIError) -> T {
        let body = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
        do {
            return try JSONDecoder().decode(type, from: Data(body))
        } catch let error as DecodingError {
            throw AltinnAPIError(.invalidDocument, "\(T.self): \(describe(error))")
        } catch {
            throw AltinnAPIError(.invalidDocument, "\(T.self): \(error)")
        }
    }

    /// Encodes `value` in `shape` (Storage's by default), with sorted keys so output is stable.
    public static func encode<T: Encodable>(
        _ value: T, shape: AltinnJSONShape = .storage
    ) throws(AltinnAPIError)
        -> Data
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.userInfo[AltinnJSONShape.userInfoKey] = shape
        do {
            return try encoder.encode(value)
        } catch {
            throw AltinnAPIError(.invalidDocument, "cannot encode \(T.self): \(error)")
        }
    }

    /// One line saying where decoding failed and why.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }
            let text = keys.joined()
            return text.isEmpty ? "at the top level" : "at \(text.hasPrefix(".") ? String(text.dropFirst()) : text)"
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "\(path(context)): expected \(type); \(context.debugDescription)"
        case .valueNotFound(let type, let context):
            return "\(path(context)): expected \(type) but found null; \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(path(context)): required field '\(key.stringValue)' is missing"
        case .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
