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

/// The bytes of a key file, read with the checks a secret deserves.
///
/// Reading names the system's reason on failure, refuses anything but a regular file of sane size, and
/// warns when the group or others may read the file.
struct KeyFile {
    /// The largest key file accepted; real ones are a few KiB.
    static let maximumSize = 1 << 20

    let path: String
    let contents: Data
    let warnings: [KeyWarning]

    static func read(_ path: String) throws(KeyLoadError) -> KeyFile {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw KeyLoadError(.unreadableFile, file: path, "cannot open the file: \(systemError())")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw KeyLoadError(.unreadableFile, file: path, "cannot inspect the file: \(systemError())")
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw KeyLoadError(.unreadableFile, file: path, "not a regular file")
        }
        guard status.st_size <= maximumSize else {
            throw KeyLoadError(.malformed, file: path, "the file is \(status.st_size) bytes, too large for a key")
        }
        var warnings: [KeyWarning] = []
        let mode = status.st_mode & 0o777
        if mode & 0o077 != 0 {
            warnings.append(
                KeyWarning(
                    .filePermissions,
                    "key file \(path) can be read by other users (mode \(String(mode, radix: 8))); "
                        + "restrict it with chmod 600"))
        }
        var contents = Data()
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw KeyLoadError(.unreadableFile, file: path, "cannot read the file: \(systemError())")
            }
            contents.append(contentsOf: buffer[0..<count])
            guard contents.count <= maximumSize else {
                throw KeyLoadError(.malformed, file: path, "the file is too large for a key")
            }
        }
        buffer.withUnsafeMutableBytes { _ = $0.initializeMemory(as: UInt8.self, repeating: 0) }
        return KeyFile(path: path, contents: contents, warnings: warnings)
    }

    /// The file as text, when it is (mostly) text.
    var text: String { String(decoding: contents, as: UTF8.self) }

    /// The labels of the PEM blocks in the file, e.g. `["CERTIFICATE", "PRIVATE KEY"]`.
    var pemLabels: [String] {
        text.components(separatedBy: "-----BEGIN ").dropFirst().compactMap { rest in
            rest.firstRange(of: "-----").map { String(rest[..<$0.lowerBound]) }
        }
    }

    private static func systemError() -> String {
        String(cString: strerror(errno))
    }
}
