import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What ``AltinnSimulator/writeConfig(to:)`` wrote.
public struct WrittenSyncConfiguration: Sendable, Hashable {
    /// The configuration file.
    public let configPath: String
    /// The private key file beside it (mode 0600).
    public let keyPath: String
    /// The registered client id.
    public let clientID: String
    /// The registered key id.
    public let keyID: String
}

extension AltinnSimulator {
    /// The key file's name, beside the configuration.
    public static let clientKeyFileName = "client-key.pem"

    /// Writes an altinn-sync configuration for this simulator at `path`, and beside it a freshly generated
    /// client key (`client-key.pem`, mode 0600) registered with the simulator for the service-owner scopes.
    ///
    /// Paths in the file (`client-key.pem`, `archive`, `state`) are relative to its folder.
    @discardableResult
    public func writeConfig(to path: String) throws -> WrittenSyncConfiguration {
        let configURL = URL(fileURLWithPath: path)
        let folder = configURL.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let key = try core.crypto.generateClientKey()
        let clientID = UUID().uuidString.lowercased()
        let keyID = "altinn-sim-" + UUID().uuidString.lowercased().prefix(8)
        let scopes = RegisteredClient.serviceOwnerScopes.sorted()
        try registerClient(
            RegisteredClient(
                clientID: clientID, scopes: Set(scopes), keys: [.publicKey(kid: keyID, pem: key.publicKeyPEM)]))
        let keyPath = folder.appending(path: Self.clientKeyFileName).path
        try Self.writeSecret(Data(key.privateKeyPEM.utf8), to: keyPath)
        let file = SyncConfigFile(
            maskinporten: maskinportenIssuer.absoluteString, platform: platform.absoluteString,
            apps: apps.absoluteString, org: configuration.org, appIDs: configuration.distinctApps,
            clientID: clientID, scopes: scopes, keyFile: Self.clientKeyFileName, keyID: keyID)
        try Data(try file.json().utf8).write(to: configURL, options: .atomic)
        return WrittenSyncConfiguration(configPath: configURL.path, keyPath: keyPath, clientID: clientID, keyID: keyID)
    }

    /// Writes `data` to a file that is mode 0600 from the moment it exists.
    static func writeSecret(_ data: Data, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw SimulatorError("cannot create \(path): errno \(errno)") }
        defer { close(descriptor) }
        guard fchmod(descriptor, 0o600) == 0 else { throw SimulatorError("cannot chmod \(path): errno \(errno)") }
        let written = data.withUnsafeBytes { buffer in
            buffer.baseAddress.map { write(descriptor, $0, buffer.count) } ?? 0
        }
        guard written == data.count else { throw SimulatorError("cannot write \(path): errno \(errno)") }
    }
}
