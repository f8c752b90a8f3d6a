import Foundation

/// A fresh folder under the system's temporary folder, removed when the value is released.
final class TemporaryFolder {
    let path: String

    init() throws {
        let template = NSTemporaryDirectory() + "/altinn-sync-tests-XXXXXX"
        var bytes = Array(template.utf8CString)
        guard let made = mkdtemp(&bytes) else { throw CocoaError(.fileWriteUnknown) }
        path = URL(fileURLWithPath: String(cString: made)).standardizedFileURL.path
    }

    deinit {
        // Make anything a test locked up writable again, so that it can be removed.
        if let paths = FileManager.default.enumerator(atPath: path) {
            for case let relative as String in paths { chmod("\(path)/\(relative)", 0o755) }
        }
        try? FileManager.default.removeItem(atPath: path)
    }

    /// `relative` inside the folder.
    func callAsFunction(_ relative: String) -> String { "\(path)/\(relative)" }
}

/// Every path under `root`, hidden ones included, relative to `root` and sorted; folders end in `/`.
/// Empty when `root` does not exist.
func tree(_ root: String) -> [String] {
    var result: [String] = []
    func walk(_ relative: String) {
        let absolute = relative.isEmpty ? root : "\(root)/\(relative)"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: absolute) else { return }
        for name in names {
            let child = relative.isEmpty ? name : "\(relative)/\(name)"
            if isDirectory("\(root)/\(child)") {
                result.append(child + "/")
                walk(child)
            } else {
                result.append(child)
            }
        }
    }
    walk("")
    return result.sorted()
}

/// Whether `path` is a folder (not following a symbolic link).
func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
}

/// The permission bits of `path`.
func permissions(_ path: String) -> mode_t? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    return info.st_mode & 0o7777
}

/// The inode of `path`.
func inode(_ path: String) -> UInt64? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    return UInt64(info.st_ino)
}

/// The bytes of `path`.
func contents(_ path: String) -> Data? {
    FileManager.default.contents(atPath: path)
}

/// Writes `text` to `path`, creating the parent folders.
func put(_ text: String, at path: String) throws {
    try put(Data(text.utf8), at: path)
}

/// Writes `data` to `path`, creating the parent folders.
func put(_ data: Data, at path: String) throws {
    let parent = (path as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
    try data.write(to: URL(fileURLWithPath: path))
}
