extension String {
    /// Whether `fragment` occurs in the text, ignoring case: Foundation's `localizedCaseInsensitiveContains`
    /// without full Foundation, for the ASCII codes and words of OpenSSL and Maskinporten errors.
    func containsIgnoringCase(_ fragment: String) -> Bool {
        lowercased().contains(fragment.lowercased())
    }
}
