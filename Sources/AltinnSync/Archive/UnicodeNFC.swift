/// Unicode Normalization Form C (canonical decomposition, then canonical composition), from the standard
/// library's own tables: Foundation's `precomposedStringWithCanonicalMapping` without ICU.
///
/// The standard library publishes NFC only as the underscored `_nfcCodeUnits` (Swift 6.3; a public API is still
/// a proposal), which is what its own string comparison uses; this is the one place that calls it. The tests
/// compare the result with Foundation's for names that need decomposing, composing and reordering.
enum UnicodeNFC {
    /// `text` in NFC.
    static func normalize(_ text: String) -> String {
        return String(decoding: text._nfcCodeUnits, as: UTF8.self)
    }
}
