/// A failure inside OpenSSL, carrying the text of OpenSSL's error queue at the time it happened.
///
/// OpenSSL's messages name algorithms and file formats, never key material, so the description is safe
/// to log.
public struct OpenSSLError: Error, Sendable, CustomStringConvertible {
    /// What we asked OpenSSL to do, e.g. `"parse PKCS#12"`.
    public var operation: String
    /// OpenSSL's error strings, oldest first, e.g. `error:0308010C:digital envelope routines::unsupported`.
    public var queue: [String]
    /// The (library, reason) pairs of the queued errors, for classifying failures.
    var reasons: [OpenSSLReason]

    public var description: String {
        queue.isEmpty
            ? "OpenSSL failed to \(operation)" : "OpenSSL failed to \(operation): \(queue.joined(separator: "; "))"
    }

    /// Whether any queued error has the reason text `fragment` (OpenSSL's lowercase reason strings, such as
    /// `"unsupported"` or `"mac verify failure"`).
    func mentions(_ fragment: String) -> Bool {
        queue.contains { $0.containsIgnoringCase(fragment) }
    }
}

/// One queued OpenSSL error code, split into library and reason.
struct OpenSSLReason: Sendable, Equatable {
    var library: Int32
    var reason: Int32
}
