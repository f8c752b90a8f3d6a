#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Path arithmetic on text, as `NSString`'s path methods do it, for the few places that need it without full
/// Foundation. Repeated and trailing slashes count as one separator.
enum PathText {
    /// `path` without its last component: `/a/b` gives `/a`, `/a` gives `/`, `a` gives the empty string.
    static func parent(of path: String) -> String {
        let components = path.split(separator: "/")
        let root = path.hasPrefix("/") ? "/" : ""
        return root + components.dropLast().joined(separator: "/")
    }

    /// The last component of `path`: `/a/b/` gives `b`, `/` gives `/`.
    static func lastComponent(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? (path.hasPrefix("/") ? "/" : "")
    }

    /// `path` with a leading `~` or `~user` replaced by that user's home folder; unchanged when it has none,
    /// or names a user that does not exist.
    static func expandingTilde(_ path: String) -> String {
        guard path.hasPrefix("~") else { return path }
        let end = path.firstIndex(of: "/") ?? path.endIndex
        let user = String(path[path.index(after: path.startIndex)..<end])
        let home =
            user.isEmpty
            ? FileManager.default.homeDirectoryForCurrentUser : FileManager.default.homeDirectory(forUser: user)
        guard let home else { return path }
        return home.path + path[end...]
    }
}
