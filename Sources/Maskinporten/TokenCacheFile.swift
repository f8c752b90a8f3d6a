#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A token kept on disk between runs, for tools started every minute from cron.
///
/// The file is JSON `{"key", "token", "expiresAt"}`, mode 0600, replaced atomically (a temporary file in
/// the same folder, fsync'd, then renamed over the old one). It holds a bearer token: put it in the
/// state folder, which only the service account can read. A file that is missing, unreadable, corrupt,
/// or written for another ``key`` is ignored: the cache is an optimisation, never a reason to fail.
public struct TokenCacheFile: Sendable {
    /// Where the file lives.
    public let path: String
    /// What the token is for, e.g. client id + scopes + environment; a file with another key is ignored.
    public let key: String

    /// The largest file read.
    static let maximumSize = 64 * 1024

    private struct Contents: Codable {
        var key: String
        var token: String
        var expiresAt: Double
    }

    /// Creates a cache file description; nothing is read or written yet.
    public init(path: String, key: String) {
        self.path = path
        self.key = key
    }

    /// The stored token, or nil when there is none for this key.
    public func load() -> AccessToken? {
        guard let data = Self.read(path),
            let contents = try? JSONDecoder().decode(Contents.self, from: data),
            contents.key == key, !contents.token.isEmpty, contents.expiresAt.isFinite
        else { return nil }
        return AccessToken(value: contents.token, expiresAt: Date(timeIntervalSince1970: contents.expiresAt))
    }

    /// Stores `token`, replacing the file atomically.
    ///
    /// - Throws: a ``TokenCacheFileError`` naming the failed step; the caller logs it and goes on.
    public func save(_ token: AccessToken) throws {
        let contents = Contents(key: key, token: token.value, expiresAt: token.expiresAt.timeIntervalSince1970)
        try Self.writeAtomically(try JSONEncoder().encode(contents), to: path)
    }

    /// Deletes the file, if any.
    public func remove() {
        unlink(path)
    }

    private static func read(_ path: String) -> Data? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size <= maximumSize
        else { return nil }
        var data = Data(count: Int(status.st_size))
        let count = data.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        return count == Int(status.st_size) ? data : nil
    }

    private static func writeAtomically(_ data: Data, to path: String) throws(TokenCacheFileError) {
        let temporary = "\(path).tmp-\(UUID().uuidString.prefix(8))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw TokenCacheFileError(step: "create \(temporary)") }
        var failure: TokenCacheFileError?
        // The umask can only narrow the mode; set it explicitly in case the file system ignored it.
        if fchmod(descriptor, 0o600) != 0 { failure = TokenCacheFileError(step: "chmod \(temporary)") }
        if failure == nil {
            let written = data.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written != data.count { failure = TokenCacheFileError(step: "write \(temporary)") }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = TokenCacheFileError(step: "fsync \(temporary)") }
        close(descriptor)
        if failure == nil, rename(temporary, path) != 0 { failure = TokenCacheFileError(step: "rename to \(path)") }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }
}

/// A token cache file that could not be written.
public struct TokenCacheFileError: Error, Sendable, CustomStringConvertible {
    /// The step that failed, with the file it touched.
    public var step: String
    /// The system's reason.
    public var reason: String

    init(step: String) {
        self.step = step
        reason = String(cString: strerror(errno))
    }

    public var description: String { "cannot \(step): \(reason)" }
}
