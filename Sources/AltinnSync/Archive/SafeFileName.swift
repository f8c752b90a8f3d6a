import Foundation

/// Turns names that come from the API (filenames, data types) into names that stay inside their folder
/// on any file system the archive may be shared through.
///
/// Path separators, NUL and other control characters, and the characters Windows shares reject become
/// `_`; leading and trailing dots and spaces go (no hidden files, no `.` or `..`); the result is Unicode
/// NFC and at most ``maximumBytes`` bytes of UTF-8, cut at a character boundary, keeping a short extension.
public enum SafeFileName {
    /// The longest name most file systems accept, in bytes.
    public static let maximumBytes = 255

    private static let replaced: Set<Character> = ["/", "\\", ":", "*", "?", "\"", "<", ">", "|"]

    /// A safe form of `name` of at most `maximumBytes` bytes, or nil when nothing usable remains.
    public static func sanitize(_ name: String, maximumBytes: Int = SafeFileName.maximumBytes) -> String? {
        var cleaned = ""
        for character in name.precomposedStringWithCanonicalMapping {
            let isControl = character.unicodeScalars.contains { $0.properties.generalCategory == .control }
            let isFormat = character.unicodeScalars.contains { $0.properties.generalCategory == .format }
            cleaned.append(isControl || isFormat || replaced.contains(character) ? "_" : character)
        }
        cleaned = cleaned.trimmingCharacters(in: CharacterSet(charactersIn: ". ").union(.whitespacesAndNewlines))
        guard !cleaned.isEmpty else { return nil }
        return truncate(cleaned, to: maximumBytes)
    }

    /// `name` cut to `limit` UTF-8 bytes at a character boundary, keeping an extension of up to 16 bytes.
    static func truncate(_ name: String, to limit: Int) -> String {
        guard name.utf8.count > limit else { return name }
        var stem = name
        var suffix = ""
        if let dot = name.lastIndex(of: "."), name[dot...].utf8.count <= 16, dot != name.startIndex {
            stem = String(name[..<dot])
            suffix = String(name[dot...])
        }
        var result = ""
        for character in stem {
            guard result.utf8.count + String(character).utf8.count + suffix.utf8.count <= limit else { break }
            result.append(character)
        }
        return result + suffix
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
            $0.trimmingCharacters(in: .whitespaces).lowercased()
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
