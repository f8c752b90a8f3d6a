/// A set of Unicode scalars for trimming text: what the tool needs of Foundation's `CharacterSet`, with the same
/// members, so that no module needs full Foundation (and ICU) for it.
package struct ScalarSet: Sendable {
    private let rule: @Sendable (Unicode.Scalar) -> Bool

    /// The set of the scalars for which `rule` is true.
    package init(where rule: @escaping @Sendable (Unicode.Scalar) -> Bool) {
        self.rule = rule
    }

    /// The set of the scalars in `characters`.
    package init(charactersIn characters: String) {
        let members = Set(characters.unicodeScalars)
        self.init { members.contains($0) }
    }

    /// Whether `scalar` is in the set.
    package func contains(_ scalar: Unicode.Scalar) -> Bool {
        rule(scalar)
    }

    /// The scalars in this set or in `other`.
    package func union(_ other: ScalarSet) -> ScalarSet {
        ScalarSet { self.contains($0) || other.contains($0) }
    }

    /// Space separators (general category Zs), tab and U+200B ZERO WIDTH SPACE: Foundation's `whitespaces`.
    package static let whitespaces = ScalarSet {
        $0.properties.generalCategory == .spaceSeparator || $0 == "\t" || $0 == "\u{200B}"
    }

    /// U+000A to U+000D, U+0085, U+2028 and U+2029: Foundation's `newlines`.
    package static let newlines = ScalarSet {
        ("\n"..."\r").contains($0) || $0 == "\u{85}" || $0 == "\u{2028}" || $0 == "\u{2029}"
    }

    /// ``whitespaces`` and ``newlines``: Foundation's `whitespacesAndNewlines`.
    package static let whitespacesAndNewlines = whitespaces.union(newlines)

    /// General categories Cc and Cf: Foundation's `controlCharacters`.
    package static let controlCharacters = ScalarSet {
        let category = $0.properties.generalCategory
        return category == .control || category == .format
    }
}

extension StringProtocol {
    /// The text without its leading and trailing scalars that are in `set`, as Foundation's
    /// `trimmingCharacters(in:)` does.
    package func trimming(_ set: ScalarSet) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !set.contains($0) }),
            let last = scalars.lastIndex(where: { !set.contains($0) })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
