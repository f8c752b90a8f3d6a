import AltinnSync
import Foundation
import Logging
import Testing

/// The key and its password as systemd credentials (`LoadCredential=`): named in the configuration, read from
/// `$CREDENTIALS_DIRECTORY` when the key is loaded, each problem named with its remedy.
@Suite struct SystemdCredentialTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder("credentials"), withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = [
            "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-aes256", "-pass", "pass:sesam",
            "-out", folder("credentials/maskinporten-key"),
        ]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        try put("sesam\n", at: folder("credentials/maskinporten-key-password"))
        // As systemd passes them: readable by the service user only.
        chmod(folder("credentials/maskinporten-key"), 0o400)
        chmod(folder("credentials/maskinporten-key-password"), 0o400)
    }

    static let credentialKey =
        #"{"type": "pem", "credential": "maskinporten-key", "kid": "k", "passwordCredential": "maskinporten-key-password"}"#

    func configuration(key: String) throws -> SyncConfiguration {
        let text = """
            {
              "environment": "custom",
              "endpoints": {"maskinporten": "http://127.0.0.1:9/", "platform": "http://127.0.0.1:9", "apps": "http://127.0.0.1:9"},
              "org": "ttd", "apps": ["ttd/app"], "archiveDir": "archive", "tokenCache": false,
              "maskinporten": {"clientId": "client", "key": \(key)}
            }
            """
        return try ConfigurationLoader.parse(Data(text.utf8), file: folder("altinn-sync.json"))
    }

    func session(key: String, environment: [String: String]) throws -> Result<SyncSession, RunAbort> {
        let configuration = try configuration(key: key)
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        return Result { () throws(RunAbort) in
            try SyncSession(configuration: configuration, environment: environment, logger: logger)
        }
    }

    @Test func credentialsAreNamesNotPathsAndAreResolvedOnlyWhenTheKeyIsLoaded() throws {
        // Read without $CREDENTIALS_DIRECTORY, as status does outside the unit.
        let config = try configuration(key: Self.credentialKey)
        #expect(
            config.maskinporten.key
                == .pem(
                    file: .credential("maskinporten-key"), kid: "k",
                    password: .file(.credential("maskinporten-key-password"))))
    }

    @Test func theKeyAndItsPasswordAreReadFromTheCredentialsDirectory() throws {
        let result = try session(key: Self.credentialKey, environment: ["CREDENTIALS_DIRECTORY": folder("credentials")])
        let session = try result.get()
        #expect(session.identity.key.bitCount == 2048)
    }

    @Test func aPasswordCredentialGoesWithAKeyFileToo() throws {
        try FileManager.default.copyItem(atPath: folder("credentials/maskinporten-key"), toPath: folder("key.pem"))
        let key = #"{"type": "pem", "file": "key.pem", "kid": "k", "passwordCredential": "maskinporten-key-password"}"#
        let result = try session(key: key, environment: ["CREDENTIALS_DIRECTORY": folder("credentials")])
        #expect((try? result.get()) != nil, "\(result)")
    }

    @Test func outsideTheUnitTheMessageSaysHowToPassTheCredential() throws {
        let result = try session(key: Self.credentialKey, environment: [:])
        let abort = try #require(throws: RunAbort.self) { try result.get() }
        #expect(abort.kind == .configuration)
        #expect(abort.message.hasPrefix("maskinporten.key.credential: "), "\(abort.message)")
        #expect(abort.message.contains("CREDENTIALS_DIRECTORY is not set"), "\(abort.message)")
        #expect(abort.message.contains("LoadCredential=maskinporten-key:FILE"), "\(abort.message)")
    }

    @Test func aCredentialTheUnitDoesNotPassIsNamed() throws {
        let key = #"{"type": "pem", "credential": "other-key", "kid": "k"}"#
        let result = try session(key: key, environment: ["CREDENTIALS_DIRECTORY": folder("credentials")])
        let abort = try #require(throws: RunAbort.self) { try result.get() }
        #expect(abort.message.contains("the systemd credential other-key is not in CREDENTIALS_DIRECTORY"))
        #expect(abort.message.contains("LoadCredential=other-key:FILE"), "\(abort.message)")
    }

    @Test func aMissingPasswordCredentialIsReportedUnderItsOwnKey() throws {
        try FileManager.default.removeItem(atPath: folder("credentials/maskinporten-key-password"))
        let result = try session(key: Self.credentialKey, environment: ["CREDENTIALS_DIRECTORY": folder("credentials")])
        let abort = try #require(throws: RunAbort.self) { try result.get() }
        #expect(abort.message.hasPrefix("maskinporten.key.passwordCredential: "), "\(abort.message)")
        #expect(abort.message.contains("maskinporten-key-password"), "\(abort.message)")
    }

    @Test func aWrongPasswordNamesTheCredentialButNeverThePassword() throws {
        try FileManager.default.removeItem(atPath: folder("credentials/maskinporten-key-password"))
        try put("wrong-secret\n", at: folder("credentials/maskinporten-key-password"))
        let result = try session(key: Self.credentialKey, environment: ["CREDENTIALS_DIRECTORY": folder("credentials")])
        let abort = try #require(throws: RunAbort.self) { try result.get() }
        #expect(abort.message.contains("the systemd credential maskinporten-key-password"), "\(abort.message)")
        #expect(!abort.message.contains("wrong-secret"))
    }

    static let invalid: [(String, String, String)] = [
        (#"{"type": "pem", "credential": "../etc/key", "kid": "k"}"#, "maskinporten.key.credential", "without \"/\""),
        (#"{"type": "pem", "credential": "..", "kid": "k"}"#, "maskinporten.key.credential", "systemd credential"),
        (#"{"type": "pem", "credential": "", "kid": "k"}"#, "maskinporten.key.credential", "must not be empty"),
        (
            #"{"type": "pem", "file": "k.pem", "credential": "k", "kid": "k"}"#, "maskinporten.key.credential",
            "not both"
        ),
        (
            #"{"type": "pkcs12", "credential": "k", "passwordFile": "p", "passwordCredential": "p"}"#,
            "maskinporten.key.passwordCredential", "only one"
        ),
        (#"{"type": "pkcs12", "credential": "k"}"#, "maskinporten.key.passwordEnv", "passwordCredential"),
        (#"{"type": "jwk"}"#, "maskinporten.key.file", "\"credential\""),
    ]

    @Test(arguments: invalid)
    func invalidCredentialSettingsNameTheKey(_ example: (key: String, member: String, says: String)) throws {
        let error = try #require(throws: ConfigurationError.self) { try configuration(key: example.key) }
        #expect(error.key == example.member, "\(error)")
        #expect(error.problem.contains(example.says), "\(error.problem)")
    }
}
