import AltinnAPI
import AltinnSync
import Foundation
import Logging
import Testing

/// Key passwords come from a file or an environment variable; each problem is named, the key file's first.
@Suite struct KeyPasswordTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = [
            "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-aes256", "-pass", "pass:sesam",
            "-out", folder("encrypted.pem"),
        ]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        chmod(folder("encrypted.pem"), 0o600)
    }

    func session(key: String, environment: [String: String] = [:]) throws -> Result<SyncSession, RunAbort> {
        let text = """
            {
              "environment": "custom",
              "endpoints": {"maskinporten": "http://127.0.0.1:9/", "platform": "http://127.0.0.1:9", "apps": "http://127.0.0.1:9"},
              "org": "ttd", "apps": ["ttd/app"], "archiveDir": "archive", "tokenCache": false,
              "maskinporten": {"clientId": "client", "key": \(key)}
            }
            """
        let configuration = try ConfigurationLoader.parse(Data(text.utf8), file: folder("altinn-sync.json"))
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        return Result { () throws(RunAbort) in
            try SyncSession(configuration: configuration, environment: environment, logger: logger)
        }
    }

    @Test func anEncryptedKeyOpensWithThePasswordFromAFileOrTheEnvironment() throws {
        try put("sesam\n", at: folder("password"))
        chmod(folder("password"), 0o600)
        let fromFile = try session(
            key: #"{"type": "pem", "file": "encrypted.pem", "kid": "k", "passwordFile": "password"}"#)
        #expect((try? fromFile.get()) != nil, "\(fromFile)")
        let fromEnvironment = try session(
            key: #"{"type": "pem", "file": "encrypted.pem", "kid": "k", "passwordEnv": "KEY_PASSWORD"}"#,
            environment: ["KEY_PASSWORD": "sesam"])
        #expect((try? fromEnvironment.get()) != nil, "\(fromEnvironment)")
    }

    @Test func aWrongPasswordNamesWhereThePasswordCameFrom() throws {
        let result = try session(
            key: #"{"type": "pem", "file": "encrypted.pem", "kid": "k", "passwordEnv": "KEY_PASSWORD"}"#,
            environment: ["KEY_PASSWORD": "wrong"])
        let abort = try #require(throws: RunAbort.self) { try result.get() }
        #expect(abort.kind == .configuration)
        #expect(abort.message.contains("KEY_PASSWORD"), "\(abort.message)")
        #expect(!abort.message.contains("wrong"), "the password itself is never shown")
    }

    @Test func aMissingKeyFileIsReportedBeforeAMissingPassword() throws {
        let result = try session(key: #"{"type": "pkcs12", "file": "absent.p12", "passwordEnv": "P12_PASSWORD"}"#)
        let abort = try #require(throws: RunAbort.self) { try result.get() }
        #expect(abort.message.contains("absent.p12 does not exist"), "\(abort.message)")
        #expect(!abort.message.contains("P12_PASSWORD"))
    }

    @Test func anUnsetVariableIsNamed() throws {
        let result = try session(
            key: #"{"type": "pem", "file": "encrypted.pem", "kid": "k", "passwordEnv": "UNSET_VAR"}"#)
        let abort = try #require(throws: RunAbort.self) { try result.get() }
        #expect(abort.message.contains("UNSET_VAR is not set"), "\(abort.message)")
    }

    @Test func aPasswordFileThatDoesNotOpenTheCertificateIsNamedNotAVariable() throws {
        for arguments in [
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "cert-key.pem", "-out", "cert.pem", "-days",
                "30", "-subj", "/CN=altinn-sync test",
            ],
            [
                "pkcs12", "-export", "-inkey", "cert-key.pem", "-in", "cert.pem", "-passout", "pass:sesam", "-out",
                "business.p12",
            ],
        ] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            try #require(process.terminationStatus == 0)
        }
        chmod(folder("business.p12"), 0o600)
        try put("not-sesam\n", at: folder("p12-password"))
        chmod(folder("p12-password"), 0o600)
        let result = try session(
            key: #"{"type": "pkcs12", "file": "business.p12", "passwordFile": "p12-password"}"#)
        let abort = try #require(throws: RunAbort.self) { try result.get() }
        #expect(abort.message.contains("the password does not open the PKCS#12 file"), "\(abort.message)")
        #expect(abort.message.contains("\(folder("p12-password")) (maskinporten.key.passwordFile)"), "\(abort.message)")
        #expect(!abort.message.contains("environment variable"), "\(abort.message)")
        #expect(!abort.message.contains("not-sesam"), "the password itself is never shown")
    }
}
