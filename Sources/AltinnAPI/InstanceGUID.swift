#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// The GUID part of an instance id, stored lowercased.
public struct InstanceGUID: Sendable, Hashable, TextCoded, CustomStringConvertible {
    /// The lowercased GUID text, e.g. `f21e491f-f862-4776-b81f-725657ef0a18`.
    public let description: String

    /// Validates `text` as a GUID (`8-4-4-4-12` hex digits; upper case is lowercased).
    public init(_ text: String) throws(AltinnAPIError) {
        description = try CanonicalGUID.parse(text, kind: "instance GUID")
    }

    /// The GUID as a `UUID`.
    public var uuid: UUID? { UUID(uuidString: description) }

}
