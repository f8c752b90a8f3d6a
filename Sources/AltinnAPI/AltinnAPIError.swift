/// A value from Altinn, or meant for Altinn, that is not what the API allows: a malformed identifier,
/// timestamp, document or URL, or an event that belongs to another app.
///
/// The description says what is wrong and what was expected. It may quote the offending value (escaped and
/// shortened), but never a token or a header: nothing here ever sees one.
public struct AltinnAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure. Extensible: compare with the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        enum Base: String, Hashable, Sendable {
            case invalidIdentifier = "invalid identifier"
            case invalidTimestamp = "invalid timestamp"
            case invalidDocument = "invalid document"
            case invalidEndpoint = "invalid endpoint"
            case invalidParameter = "invalid parameter"
            case untrustedURL = "untrusted URL"
            case eventForAnotherApp = "event for another app"
            case unusableEvent = "unusable event"
        }

        let base: Base

        /// A party id, GUID, app id, org or event id that breaks its rules.
        public static let invalidIdentifier = Code(base: .invalidIdentifier)
        /// A date-time that is not an ISO 8601 timestamp as Altinn writes them.
        public static let invalidTimestamp = Code(base: .invalidTimestamp)
        /// A JSON document that does not match the model (wrong type, missing required field, bad JSON).
        public static let invalidDocument = Code(base: .invalidDocument)
        /// A base URL or apps template that cannot serve as an Altinn endpoint.
        public static let invalidEndpoint = Code(base: .invalidEndpoint)
        /// A request parameter out of range, such as a page size below 1.
        public static let invalidParameter = Code(base: .invalidParameter)
        /// A URL from a response (such as the query's `next`) that points outside the configured endpoint.
        public static let untrustedURL = Code(base: .untrustedURL)
        /// An event whose `resource` or `source` names another org or app than the one being polled.
        public static let eventForAnotherApp = Code(base: .eventForAnotherApp)
        /// An event that names no instance this tool can fetch.
        public static let unusableEvent = Code(base: .unusableEvent)

        /// A short, stable text, usable as a metrics label.
        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public var code: Code
    /// What is wrong and what was expected.
    public var detail: String

    /// Creates an error of kind `code` explained by `detail`.
    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    /// `"<code>: <detail>"`, e.g. `invalid identifier: party id "007" is not valid; expected ...`.
    public var description: String { "\(code): \(detail)" }
}
