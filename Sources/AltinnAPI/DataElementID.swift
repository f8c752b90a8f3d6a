#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// The id of a data element (one file of an instance), a GUID stored lowercased.
public struct DataElementID: Sendable, Hashable, TextCoded, CustomStringConvertible {
    /// The lowercased GUID text.
    public let description: String

    /// Validates `text` as a GUID (`8-4-4-4-12` hex digits; upper case is lowercased).
    public init(_ text: String) throws(AltinnAPIError) {
        description = try CanonicalGUID.parse(text, kind: "data element id")
    }

    /// The id as a `UUID`.
    public var uuid: UUID? { UUID(uuidString: description) }

}
