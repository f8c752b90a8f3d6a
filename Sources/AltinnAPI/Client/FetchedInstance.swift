#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// An instance document: decoded, and the exact bytes received (archived as `instance.json`).
public struct FetchedInstance: Sendable {
    /// The decoded instance.
    public var instance: Instance
    /// The body as received.
    public var document: Data

    /// Creates a fetched instance.
    public init(instance: Instance, document: Data) {
        self.instance = instance
        self.document = document
    }
}
