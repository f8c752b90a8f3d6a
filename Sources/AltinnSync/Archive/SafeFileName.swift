import CurlHTTP

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Turns names that come from the API (filenames, data types) into names that stay inside their folder
/// on any file system the archive may be shared through.
///
/// Path separators, NUL and other control characters, and the characters Windows shares reject become
/// `_`; leading and trailing dots and spaces go (no hidden files, no `.` or `..`); the result is Unicode
/// NFC and at most ``maximumBytes`` bytes of UTF-8, cut at a character boundary, keeping a short extension.
public enum SafeFileName {
    /// The longest name most file systems accept, in bytes.
    public static let maximumBytes = 255

    private static let replaced: Set<Unicode.Scalar> = ["/", "\\", ":", "*", "?", "\"", "<", ">", "|"]
    private static let trimmed = ScalarSet(charactersIn: ". ").union(.whitespacesAndNewlines)

    /// A safe form of `name` of at most `maximumBytes` bytes, or nil when nothing usable remains.
    public static func sanitize(_ name: String, maximumBytes: Int = SafeFileName.maximumBytes) -> String? {
        // Scalar by scalar: a separator with a combining mark on it is one Character, but still a separator.
        var cleaned = String.UnicodeScalarView()
        for scalar in UnicodeNFC.normalize(name).unicodeScalars {
            let category = scalar.properties.generalCategory
            let unsafe = category == .control || category == .format || replaced.contains(scalar)
            cleaned.append(unsafe ? "_" : scalar)
        }
        let whole = String(cleaned).trimming(trimmed)
        // Cutting can expose a trailing dot or space again.
        let cut = truncate(whole, to: maximumBytes).trimming(trimmed)
        return cut.isEmpty ? nil : cut
    }

    /// `name` cut to `limit` UTF-8 bytes at a character boundary, keeping an extension of up to 16 bytes when
    /// some of the name fits before it (never just the extension, which would be a hidden file).
    static func truncate(_ name: String, to limit: Int) -> String {
        guard name.utf8.count > limit else { return name }
        if let dot = name.lastIndex(of: "."), dot != name.startIndex, name[dot...].utf8.count <= 16 {
            let suffix = name[dot...]
            let stem = prefix(of: name[..<dot], maximumBytes: limit - suffix.utf8.count)
            if !stem.isEmpty { return stem + suffix }
        }
        return prefix(of: name[...], maximumBytes: limit)
    }

    /// The longest run of whole characters from the start of `text` that fits in `maximumBytes` UTF-8 bytes.
    private static func prefix(of text: Substring, maximumBytes: Int) -> String {
        var result = ""
        var bytes = 0
        for character in text {
            let size = character.utf8.count
            guard bytes + size <= maximumBytes else { break }
            result.append(character)
            bytes += size
        }
        return result
    }

    /// The file name for a data element: the element id, then `-` and the safe original filename, or
    /// an extension from the content type when there is no filename.
    public static func dataFileName(elementID: String, filename: String?, contentType: String?) -> String {
        let budget = maximumBytes - elementID.utf8.count - 1
        if let filename, let safe = sanitize(filename, maximumBytes: budget) {
            return "\(elementID)-\(safe)"
        }
        if let contentType, let suffix = fileExtension(forContentType: contentType) {
            return "\(elementID).\(suffix)"
        }
        return elementID
    }

    /// A conventional extension for common content types, or nil.
    static func fileExtension(forContentType contentType: String) -> String? {
        let mediaType = contentType.split(separator: ";").first.map {
            $0.trimming(.whitespaces).lowercased()
        }
        switch mediaType {
        case "application/xml", "text/xml": return "xml"
        case "application/json": return "json"
        case "application/pdf": return "pdf"
        case "text/plain": return "txt"
        case "text/html": return "html"
        case "text/csv": return "csv"
        case "image/png": return "png"
        case "image/jpeg": return "jpg"
        case "application/zip": return "zip"
        default: return nil
        }
    }
}
