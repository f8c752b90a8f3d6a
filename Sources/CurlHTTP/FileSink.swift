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

/// Streams a response body into a file, hashing it as it goes.
///
/// Thread model: created by ``HTTPClient/download(_:to:logger:)``, then used only by the transfer engine's
/// thread while an attempt runs, and again by the calling task between attempts and after the last one;
/// the attempts never overlap, and handing over happens through the engine's lock and the continuation,
/// which order the accesses.
final class FileSink: @unchecked Sendable {
    let path: String
    private let descriptor: Int32
    private let digest = SHA256Digest()
    private(set) var byteCount: Int64 = 0
    private var isClosed = false

    /// Creates (or truncates) the file at `path` with mode 0640, refusing to follow a symbolic link.
    init(path: String) throws(HTTPError) {
        self.path = path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o640)
        guard fd >= 0 else {
            let number = errno
            throw HTTPError(
                code: .fileSystem, url: URL(fileURLWithPath: path),
                detail: "cannot create \(path): \(String(cString: strerror(number)))", errorNumber: number)
        }
        descriptor = fd
    }

    deinit {
        if !isClosed { close(descriptor) }
    }

    /// Appends bytes; returns the errno text on failure.
    func write(_ bytes: UnsafeRawBufferPointer) -> String? {
        guard let base = bytes.baseAddress else { return nil }
        var offset = 0
        while offset < bytes.count {
            #if canImport(Glibc)
                let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
            #else
                let written = Darwin.write(descriptor, base + offset, bytes.count - offset)
            #endif
            if written < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            offset += written
        }
        digest.update(bytes)
        byteCount += Int64(bytes.count)
        return nil
    }

    /// Empties the file for another attempt.
    func reset() -> String? {
        digest.reset()
        byteCount = 0
        guard ftruncate(descriptor, 0) == 0, lseek(descriptor, 0, SEEK_SET) == 0 else {
            return String(cString: strerror(errno))
        }
        return nil
    }

    /// Flushes the file to stable storage when `durable`, closes it, and returns the SHA-256 as hex.
    func finish(durable: Bool) -> Result<String, HTTPError> {
        defer { closeOnce() }
        if durable && fsync(descriptor) != 0 {
            let reason = String(cString: strerror(errno))
            return .failure(
                HTTPError(code: .fileSystem, url: URL(fileURLWithPath: path), detail: "fsync \(path): \(reason)"))
        }
        return .success(digest.finalizeHex())
    }

    /// Closes and deletes the file: nothing partial is left behind.
    func discard() {
        closeOnce()
        unlink(path)
    }

    private func closeOnce() {
        guard !isClosed else { return }
        isClosed = true
        close(descriptor)
    }
}
