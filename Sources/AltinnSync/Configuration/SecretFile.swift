#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A key or password file the configuration names: a path, or a systemd credential that the service's unit
/// passes with `LoadCredential=NAME:FILE`, found in `$CREDENTIALS_DIRECTORY` when the tool runs.
///
/// A credential is resolved when the key is loaded, not when the configuration is read, so commands that need
/// no key (`status`) work outside the unit too.
public enum SecretFile: Sendable, Equatable, CustomStringConvertible {
    /// A file at this path (absolute once the configuration is loaded).
    case path(String)
    /// The systemd credential of this name (`credential`, `passwordCredential`).
    case credential(String)

    /// The environment variable through which systemd tells a service where its credentials are.
    public static let credentialsDirectoryVariable = "CREDENTIALS_DIRECTORY"

    public var description: String {
        switch self {
        case .path(let path): path
        case .credential(let name): "the systemd credential \(name)"
        }
    }

    /// Whether `name` can name a systemd credential: a file name, not `.` or `..`, without `/` or control
    /// characters, at most 255 bytes.
    public static func isCredentialName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && name.utf8.count <= 255
            && !name.unicodeScalars.contains { $0 == "/" || $0.properties.generalCategory == .control }
    }

    /// The file to read, checked to exist and be readable. A credential is read from
    /// `$CREDENTIALS_DIRECTORY` in `environment`.
    ///
    /// - Throws: ``SecretFileError`` saying what is missing and how to provide it.
    public func readablePath(environment: [String: String]) throws(SecretFileError) -> String {
        let path: String
        switch self {
        case .path(let file):
            path = file
        case .credential(let name):
            guard let folder = environment[Self.credentialsDirectoryVariable], folder.hasPrefix("/") else {
                throw SecretFileError(
                    "\(self) is not available: \(Self.credentialsDirectoryVariable) is not set. Run altinn-sync from "
                        + "its systemd unit, which passes the credential with LoadCredential=\(name):FILE; to run it "
                        + "by hand, set \(Self.credentialsDirectoryVariable) to a folder holding a file named \(name)")
            }
            path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            guard FileManager.default.fileExists(atPath: path) else {
                throw SecretFileError(
                    "\(self) is not in \(Self.credentialsDirectoryVariable) (\(folder)); add "
                        + "LoadCredential=\(name):FILE to the unit")
            }
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read by this user" : "does not exist"
            throw SecretFileError(self == .path(path) ? "\(path) \(reason)" : "\(self) (\(path)) \(reason)")
        }
        return path
    }
}

/// Why a key or password file cannot be read; the message names the file (never its contents) and the remedy.
public struct SecretFileError: Error, CustomStringConvertible, Sendable {
    /// What is wrong and what to do.
    public let message: String

    init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
