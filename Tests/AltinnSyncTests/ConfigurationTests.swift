import AltinnAPI
import Foundation
import Testing

@testable import AltinnSync

/// The configuration file used by the parse tests; relative paths resolve against its folder.
let configFile = "/etc/altinn-sync/config.json"

func parse(_ text: String) throws(ConfigurationError) -> SyncConfiguration {
    try ConfigurationLoader.parse(Data(text.utf8), file: configFile)
}

/// A minimal valid configuration with the top-level members in `set` replaced or added (raw JSON) and those
/// in `remove` left out.
func minimalConfig(set: [String: String] = [:], remove: Set<String> = []) -> String {
    let base: [(String, String)] = [
        ("environment", #""tt02""#),
        ("org", #""ttd""#),
        ("apps", #"["ttd/app-one"]"#),
        ("maskinporten", #"{"clientId": "client-1", "key": {"type": "pem", "file": "key.pem", "kid": "kid-1"}}"#),
        ("archiveDir", #""/srv/archive""#),
    ]
    var members: [String] = []
    for (key, value) in base where !remove.contains(key) {
        members.append("\"\(key)\": \(set[key] ?? value)")
    }
    for key in set.keys.sorted() where !base.contains(where: { $0.0 == key }) {
        members.append("\"\(key)\": \(set[key] ?? "null")")
    }
    return "{\n  " + members.joined(separator: ",\n  ") + "\n}"
}

@Suite struct ConfigurationTests {
    @Test func aFullConfigurationParsesToTheRightValues() throws {
        let text = """
            {
              "environment": "custom",
              "endpoints": {
                "maskinporten": "http://127.0.0.1:5101/",
                "platform": "http://127.0.0.1:5102",
                "apps": "http://127.0.0.1:5103/{org}"
              },
              "org": "ttd",
              "apps": ["ttd/app-one", "ttd/app-two"],
              "maskinporten": {
                "clientId": "0f0e0d0c-0000-0000-0000-000000000001",
                "scopes": ["altinn:serviceowner/instances.read"],
                "key": {"type": "jwk", "file": "keys/client.jwk", "kid": "kid-7"},
                "resource": ["https://tt02.altinn.no/"],
                "consumerOrg": "991825827"
              },
              "archiveDir": "archive",
              "stateDir": "../state/./sync",
              "eventTypes": ["app.instance.process.completed", "app.instance.%"],
              "concurrency": 3,
              "confirm": false,
              "downloadFrom": "app",
              "eventPageSize": 25,
              "reconcile": {"enabled": false, "interval": "6h", "pageSize": 10},
              "retry": {"maxAttempts": 4, "initialDelay": "30s", "maxDelay": "2h"},
              "http": {
                "connectTimeout": "500ms",
                "stallTimeout": 30,
                "apiTimeout": "1m30s",
                "maxAttempts": 2,
                "caFile": "/dev/null",
                "proxy": "http://proxy.example:3128",
                "noProxy": "localhost,.internal"
              },
              "tokenCache": false,
              "waitForPendingScans": false,
              "metricsFile": "/var/lib/node_exporter/altinn_sync.prom"
            }
            """
        let config = try parse(text)
        #expect(config.file == configFile)
        guard case .custom(let maskinporten, let platform, let apps) = config.environment else {
            Issue.record("expected a custom environment, got \(config.environment)")
            return
        }
        #expect(maskinporten.absoluteString == "http://127.0.0.1:5101/")
        #expect(platform.absoluteString == "http://127.0.0.1:5102")
        #expect(apps == "http://127.0.0.1:5103/{org}")
        #expect(config.org.description == "ttd")
        #expect(config.apps.map(\.description) == ["ttd/app-one", "ttd/app-two"])
        #expect(config.maskinporten.clientId == "0f0e0d0c-0000-0000-0000-000000000001")
        #expect(config.maskinporten.scopes == ["altinn:serviceowner/instances.read"])
        #expect(config.maskinporten.key == .jwk(file: .path("/etc/altinn-sync/keys/client.jwk"), kid: "kid-7"))
        #expect(config.maskinporten.resource == ["https://tt02.altinn.no/"])
        #expect(config.maskinporten.consumerOrg == "991825827")
        #expect(config.archiveDirectory == "/etc/altinn-sync/archive")
        #expect(config.stateDirectory == "/etc/state/sync")
        #expect(config.eventTypes == ["app.instance.process.completed", "app.instance.%"])
        #expect(config.concurrency == 3)
        #expect(config.confirm == false)
        #expect(config.downloadFrom == .app)
        #expect(config.eventPageSize == 25)
        #expect(config.reconcile == .init(enabled: false, interval: .seconds(6 * 3600), pageSize: 10))
        #expect(config.retry == .init(maxAttempts: 4, initialDelay: .seconds(30), maxDelay: .seconds(7200)))
        #expect(
            config.http
                == .init(
                    connectTimeout: .milliseconds(500), stallTimeout: .seconds(30), apiTimeout: .seconds(90),
                    maxAttempts: 2, caFile: "/dev/null", proxy: "http://proxy.example:3128",
                    noProxy: "localhost,.internal"))
        #expect(config.tokenCache == false)
        #expect(config.waitForPendingScans == false)
        #expect(config.metricsFile == "/var/lib/node_exporter/altinn_sync.prom")
        #expect(config.layout.root == "/etc/altinn-sync/archive")
    }

    @Test func defaultsApply() throws {
        let config = try parse(minimalConfig())
        #expect(config.environment == .tt02)
        #expect(config.archiveDirectory == "/srv/archive")
        #expect(config.stateDirectory == "/srv/archive/.altinn-sync")
        #expect(config.eventTypes == ["app.instance.process.completed"])
        #expect(config.concurrency == 8)
        #expect(config.confirm == true)
        #expect(
            config.maskinporten.scopes == ["altinn:serviceowner/instances.read", "altinn:serviceowner/instances.write"])
        #expect(config.maskinporten.key == .pem(file: .path("/etc/altinn-sync/key.pem"), kid: "kid-1", password: nil))
        #expect(config.maskinporten.resource == nil)
        #expect(config.maskinporten.consumerOrg == nil)
        #expect(config.downloadFrom == .storage)
        #expect(config.eventPageSize == 50)
        #expect(config.reconcile == .init(enabled: true, interval: .seconds(86400), pageSize: 100))
        #expect(config.retry == RetryLedger.Policy())
        #expect(config.retry == .init(maxAttempts: 10, initialDelay: .seconds(300), maxDelay: .seconds(21600)))
        #expect(
            config.http
                == .init(
                    connectTimeout: .seconds(15), stallTimeout: .seconds(60), apiTimeout: .seconds(120), maxAttempts: 5,
                    caFile: nil, proxy: nil, noProxy: nil))
        #expect(config.tokenCache == true)
        #expect(config.waitForPendingScans == true)
        #expect(config.metricsFile == nil)
    }

    @Test func productionAndOtherKeyTypes() throws {
        let pkcs12 = try parse(
            minimalConfig(set: [
                "environment": #""production""#,
                "maskinporten": #"""
                {"clientId": "c", "key": {"type": "pkcs12", "file": "/keys/cert.p12", "passwordEnv": "P12_PASSWORD"}}
                """#,
            ]))
        #expect(pkcs12.environment == .production)
        #expect(
            pkcs12.maskinporten.key == .pkcs12(file: .path("/keys/cert.p12"), password: .environment("P12_PASSWORD")))

        let jwk = try parse(
            minimalConfig(set: ["maskinporten": #"{"clientId": "c", "key": {"type": "jwk", "file": "k.json"}}"#]))
        #expect(jwk.maskinporten.key == .jwk(file: .path("/etc/altinn-sync/k.json"), kid: nil))

        let encryptedPEM = try parse(
            minimalConfig(set: [
                "maskinporten": #"""
                {"clientId": "c", "key": {"type": "pem", "file": "k.pem", "kid": "k", "passwordEnv": "PEM_PASSWORD"}}
                """#
            ]))
        #expect(
            encryptedPEM.maskinporten.key
                == .pem(file: .path("/etc/altinn-sync/k.pem"), kid: "k", password: .environment("PEM_PASSWORD"))
        )
    }

    @Test func nullMeansAbsent() throws {
        let config = try parse(
            minimalConfig(set: [
                "stateDir": "null", "concurrency": "null", "endpoints": "null",
                "http": #"{"proxy": null, "noProxy": null, "caFile": null}"#,
            ]))
        #expect(config.stateDirectory == "/srv/archive/.altinn-sync")
        #expect(config.concurrency == 8)
        #expect(config.http.proxy == nil)
        #expect(config.http.noProxy == nil)
        #expect(config.http.caFile == nil)
    }

    @Test func relativePathsResolveAgainstTheConfigFilesFolder() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path + "/conf", withIntermediateDirectories: true)
        let path = folder.path + "/conf/altinn-sync.json"
        let text = minimalConfig(set: [
            "archiveDir": #""../archive""#, "stateDir": #""state""#, "metricsFile": #""./metrics/sync.prom""#,
            "http": #"{"caFile": "../ca.pem"}"#,
        ])
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try Data("-----BEGIN CERTIFICATE-----\n".utf8).write(to: URL(fileURLWithPath: folder.path + "/ca.pem"))

        // Loaded through a relative, unnormalised path to the file, from another working folder.
        let config = try ConfigurationLoader.load(path: folder.path + "/conf/../conf/./altinn-sync.json")
        #expect(config.file == path)
        #expect(config.archiveDirectory == folder.path + "/archive")
        #expect(config.stateDirectory == folder.path + "/conf/state")
        #expect(config.metricsFile == folder.path + "/conf/metrics/sync.prom")
        #expect(config.http.caFile == folder.path + "/ca.pem")
        #expect(config.maskinporten.key.file == .path(folder.path + "/conf/key.pem"))
    }

    @Test func aMissingFileNamesTheFileAndTheWayOut() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/nothing-here.json"
        let error = try #require(throws: ConfigurationError.self) { try ConfigurationLoader.load(path: path) }
        #expect(error.file == path)
        #expect(error.key == "")
        #expect(error.problem.contains("cannot be read"))
        #expect(error.problem.contains("--config"))
    }

    @Test func errorsInAFileNameTheFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/altinn-sync.json"
        try Data(minimalConfig(set: ["concurrency": "0"]).utf8).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: ConfigurationError.self) { try ConfigurationLoader.load(path: path) }
        #expect(error.file == path)
        #expect(error.key == "concurrency")
        #expect(error.description == "\(path): concurrency: must be between 1 and 64, got 0")
    }

    @Test func aPasswordSecretIsNeverRepeatedInTheMessage() throws {
        let text = minimalConfig(set: [
            "maskinporten":
                #"{"clientId": "x", "key": {"type": "pkcs12", "file": "k.p12", "passwordEnv": "S3cret!pw"}}"#
        ])
        let error = try #require(throws: ConfigurationError.self) { try parse(text) }
        #expect(!error.description.contains("S3cret"))
    }

    @Test func aPasswordFileResolvesAgainstTheConfigurationsFolder() throws {
        let text = minimalConfig(set: [
            "maskinporten":
                #"{"clientId": "x", "key": {"type": "pkcs12", "file": "k.p12", "passwordFile": "secrets/p12"}}"#
        ])
        let config = try parse(text)
        #expect(
            config.maskinporten.key
                == .pkcs12(
                    file: .path("/etc/altinn-sync/k.p12"), password: .file(.path("/etc/altinn-sync/secrets/p12"))))
    }

    @Test func theMinimalConfigurationIsValid() throws {
        // The invalid cases above are one change away from this; it must itself be accepted.
        _ = try parse(minimalConfig())
    }
}
