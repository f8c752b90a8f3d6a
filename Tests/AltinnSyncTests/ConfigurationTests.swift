import AltinnAPI
import Foundation
import Testing

@testable import AltinnSync

/// The configuration file used by the parse tests; relative paths resolve against its folder.
private let configFile = "/etc/altinn-sync/config.json"

private func parse(_ text: String) throws(ConfigurationError) -> SyncConfiguration {
    try ConfigurationLoader.parse(Data(text.utf8), file: configFile)
}

/// A minimal valid configuration with the top-level members in `set` replaced or added (raw JSON) and those
/// in `remove` left out.
private func minimalConfig(set: [String: String] = [:], remove: Set<String> = []) -> String {
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

    struct InvalidCase: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var key: String
        var problem: [String]
        var testDescription: String { name }

        init(_ name: String, _ text: String, key: String, _ problem: String...) {
            self.name = name
            self.text = text
            self.key = key
            self.problem = problem
        }
    }

    static let customEndpoints =
        #"{"maskinporten": "https://mp.example/", "platform": "https://p.example", "apps": "https://{org}.apps.example"}"#

    static let invalidCases: [InvalidCase] = [
        .init("missing org", minimalConfig(remove: ["org"]), key: "org", "is required", "e.g. \"ttd\""),
        .init("empty org", minimalConfig(set: ["org": #""  ""#]), key: "org", "must not be empty"),
        .init("invalid org", minimalConfig(set: ["org": #""TTD""#]), key: "org", "org \"TTD\" is not valid"),
        .init(
            "missing environment", minimalConfig(remove: ["environment"]), key: "environment", "is required",
            "\"tt02\", \"production\" or \"custom\""),
        .init(
            "bad environment", minimalConfig(set: ["environment": #""staging""#]), key: "environment",
            #"expected "tt02", "production" or "custom", got "staging""#),
        .init(
            "custom without endpoints", minimalConfig(set: ["environment": #""custom""#]), key: "endpoints",
            "is required", #"with "environment": "custom""#),
        .init(
            "endpoints with tt02", minimalConfig(set: ["endpoints": customEndpoints]), key: "endpoints",
            #"is only allowed with "environment": "custom""#),
        .init(
            "endpoints with production",
            minimalConfig(set: ["environment": #""production""#, "endpoints": customEndpoints]), key: "endpoints",
            #"is only allowed with "environment": "custom""#),
        .init(
            "issuer without trailing slash",
            minimalConfig(set: [
                "environment": #""custom""#,
                "endpoints":
                    #"{"maskinporten": "https://mp.example", "platform": "https://p.example", "apps": "https://a"}"#,
            ]), key: "endpoints.maskinporten", #"must end with "/""#, "https://test.maskinporten.no/"),
        .init(
            "issuer not a URL",
            minimalConfig(set: [
                "environment": #""custom""#,
                "endpoints": #"{"maskinporten": "mp.example/", "platform": "https://p.example", "apps": "https://a"}"#,
            ]), key: "endpoints.maskinporten", "expected an absolute URL, got \"mp.example/\""),
        .init(
            "platform not a URL",
            minimalConfig(set: [
                "environment": #""custom""#,
                "endpoints": #"{"maskinporten": "https://mp.example/", "platform": "platform", "apps": "https://a"}"#,
            ]), key: "endpoints.platform", "expected an absolute URL"),
        .init(
            "endpoints without apps",
            minimalConfig(set: [
                "environment": #""custom""#,
                "endpoints": #"{"maskinporten": "https://mp.example/", "platform": "https://p.example"}"#,
            ]), key: "endpoints.apps", "is required", "{org}"),
        .init(
            "unknown endpoint",
            minimalConfig(set: [
                "environment": #""custom""#,
                "endpoints":
                    #"{"maskinporten": "https://mp.example/", "platform": "https://p", "apps": "https://a", "events": "https://e"}"#,
            ]), key: "endpoints.events", "unknown key", #""apps", "maskinporten", "platform""#),
        .init(
            "plain http to a remote platform",
            minimalConfig(set: [
                "environment": #""custom""#,
                "endpoints":
                    #"{"maskinporten": "https://mp.example/", "platform": "http://p.example", "apps": "https://a"}"#,
            ]), key: "endpoints", "http"),
        .init(
            "state folder visible in the archive",
            minimalConfig(set: ["archiveDir": #""/srv/archive""#, "stateDir": #""/srv/archive/ttd/state""#]),
            key: "stateDir", "inside the archive but not in a hidden folder"),
        .init(
            "state folder equal to the archive",
            minimalConfig(set: ["archiveDir": #""/srv/archive""#, "stateDir": #""/srv/archive""#]), key: "stateDir",
            "inside the archive"),
        .init(
            "state folder is the staging area, which every run empties",
            minimalConfig(set: ["archiveDir": #""/srv/archive""#, "stateDir": #""/srv/archive/.altinn-sync-staging""#]),
            key: "stateDir", "overlaps the staging area /srv/archive/.altinn-sync-staging"),
        .init(
            "state folder inside the staging area",
            minimalConfig(set: [
                "archiveDir": #""/srv/archive""#, "stateDir": #""/srv/archive/./.altinn-sync-staging/state""#,
            ]), key: "stateDir", "overlaps the staging area"),
        .init(
            "app of another org", minimalConfig(set: ["apps": #"["ttd/app-one", "skd/app-two"]"#]), key: "apps[1]",
            #""skd/app-two" belongs to org "skd", but org is "ttd""#),
        .init(
            "duplicate app", minimalConfig(set: ["apps": #"["ttd/app-one", "ttd/app-two", "ttd/app-one"]"#]),
            key: "apps[2]", #""ttd/app-one" is listed twice"#),
        .init("app without org", minimalConfig(set: ["apps": #"["app-one"]"#]), key: "apps[0]", "expected {org}/{app}"),
        .init("missing apps", minimalConfig(remove: ["apps"]), key: "apps", "is required", "\"ttd/my-app\""),
        .init("no apps", minimalConfig(set: ["apps": "[]"]), key: "apps", "is required"),
        .init(
            "apps not an array", minimalConfig(set: ["apps": #""ttd/app-one""#]), key: "apps",
            #"expected an array of strings, got the string "ttd/app-one""#),
        .init(
            "a number among the apps", minimalConfig(set: ["apps": #"["ttd/app-one", 7]"#]), key: "apps[1]",
            "expected a non-empty string, got the number 7"),
        .init(
            "unknown key at the top level", minimalConfig(set: ["confrim": "false"]), key: "confrim",
            "unknown key; the keys allowed here are", "\"confirm\"", "\"archiveDir\""),
        .init(
            "unknown key in the key object",
            minimalConfig(set: [
                "maskinporten": #"{"clientId": "c", "key": {"type": "pem", "file": "k.pem", "kid": "k", "typo": 1}}"#
            ]), key: "maskinporten.key.typo", "unknown key", "\"kid\""),
        .init(
            "unknown key in maskinporten",
            minimalConfig(set: [
                "maskinporten": #"{"clientId": "c", "scope": ["x"], "key": {"type": "jwk", "file": "k"}}"#
            ]), key: "maskinporten.scope", "unknown key", "\"scopes\""),
        .init(
            "unknown key in reconcile", minimalConfig(set: ["reconcile": #"{"every": "1h"}"#]), key: "reconcile.every",
            "unknown key", "\"interval\""),
        .init(
            "unknown key in retry", minimalConfig(set: ["retry": #"{"attempts": 3}"#]), key: "retry.attempts",
            "unknown key", "\"maxAttempts\""),
        .init(
            "unknown key in http", minimalConfig(set: ["http": #"{"timeout": 3}"#]), key: "http.timeout",
            "unknown key", "\"apiTimeout\""),
        .init(
            "string for concurrency", minimalConfig(set: ["concurrency": #""8""#]), key: "concurrency",
            #"expected a whole number, got the string "8""#),
        .init(
            "fraction for concurrency", minimalConfig(set: ["concurrency": "2.5"]), key: "concurrency",
            "expected a whole number, got the number 2.5"),
        .init(
            "number for confirm", minimalConfig(set: ["confirm": "1"]), key: "confirm",
            "expected true or false, got the number 1"),
        .init(
            "string for confirm", minimalConfig(set: ["confirm": #""yes""#]), key: "confirm",
            #"expected true or false, got the string "yes""#),
        .init(
            "true for a number", minimalConfig(set: ["eventPageSize": "true"]), key: "eventPageSize",
            "expected a whole number, got true"),
        .init(
            "true for a nested number", minimalConfig(set: ["reconcile": #"{"pageSize": true}"#]),
            key: "reconcile.pageSize", "expected a whole number, got true"),
        .init(
            "object for a string", minimalConfig(set: ["archiveDir": "{}"]), key: "archiveDir",
            "expected a string, got an object"),
        .init(
            "array for an object", minimalConfig(set: ["http": "[]"]), key: "http", "expected an object, got an array"),
        .init(
            "concurrency zero", minimalConfig(set: ["concurrency": "0"]), key: "concurrency",
            "must be between 1 and 64, got 0"),
        .init(
            "concurrency too high", minimalConfig(set: ["concurrency": "65"]), key: "concurrency",
            "must be between 1 and 64, got 65"),
        .init(
            "page size too high", minimalConfig(set: ["eventPageSize": "1001"]), key: "eventPageSize",
            "must be between 1 and 1000, got 1001"),
        .init(
            "huge number", minimalConfig(set: ["eventPageSize": "1e300"]), key: "eventPageSize",
            "expected a whole number"),
        .init(
            "retry attempts zero", minimalConfig(set: ["retry": #"{"maxAttempts": 0}"#]), key: "retry.maxAttempts",
            "must be between 1 and 1000, got 0"),
        .init(
            "http attempts too high", minimalConfig(set: ["http": #"{"maxAttempts": 21}"#]), key: "http.maxAttempts",
            "must be between 1 and 20, got 21"),
        .init(
            "bad duration text", minimalConfig(set: ["reconcile": #"{"interval": "daily"}"#]),
            key: "reconcile.interval", "expected a duration such as \"90s\"", #"got the string "daily""#),
        .init(
            "duration with a space", minimalConfig(set: ["http": #"{"stallTimeout": "5 m"}"#]),
            key: "http.stallTimeout", "expected a duration"),
        .init(
            "boolean for a duration", minimalConfig(set: ["retry": #"{"initialDelay": true}"#]),
            key: "retry.initialDelay", "expected a duration", "got true"),
        .init(
            "duration too short", minimalConfig(set: ["reconcile": #"{"interval": "30s"}"#]),
            key: "reconcile.interval", "must be between 1m and 90d"),
        .init(
            "duration too long", minimalConfig(set: ["reconcile": #"{"interval": "91d"}"#]),
            key: "reconcile.interval", "must be between 1m and 90d"),
        .init(
            "negative seconds", minimalConfig(set: ["http": #"{"connectTimeout": -1}"#]), key: "http.connectTimeout",
            "must be between 100ms and 10m"),
        .init(
            "duration below a millisecond floor", minimalConfig(set: ["http": #"{"connectTimeout": "50ms"}"#]),
            key: "http.connectTimeout", "must be between 100ms and 10m"),
        .init(
            "astronomical seconds", minimalConfig(set: ["reconcile": #"{"interval": 1e30}"#]),
            key: "reconcile.interval", "1m and 90d"),
        .init(
            "astronomical duration text", minimalConfig(set: ["retry": #"{"maxDelay": "99999999999999999999d"}"#]),
            key: "retry.maxDelay", "expected a duration"),
        .init(
            "bad downloadFrom", minimalConfig(set: ["downloadFrom": #""cdn""#]), key: "downloadFrom",
            #"expected "storage" or "app", got "cdn""#),
        .init("no event types", minimalConfig(set: ["eventTypes": "[]"]), key: "eventTypes", "at least one"),
        .init(
            "missing maskinporten", minimalConfig(remove: ["maskinporten"]), key: "maskinporten", "is required",
            "clientId"),
        .init(
            "missing client id", minimalConfig(set: ["maskinporten": #"{"key": {"type": "jwk", "file": "k"}}"#]),
            key: "maskinporten.clientId", "is required"),
        .init(
            "missing key", minimalConfig(set: ["maskinporten": #"{"clientId": "c"}"#]), key: "maskinporten.key",
            "is required"),
        .init(
            "no scopes",
            minimalConfig(set: [
                "maskinporten": #"{"clientId": "c", "scopes": [], "key": {"type": "jwk", "file": "k"}}"#
            ]),
            key: "maskinporten.scopes", "at least one scope"),
        .init(
            "scopes in one string",
            minimalConfig(set: [
                "maskinporten": #"{"clientId": "c", "scopes": ["a:b c:d"], "key": {"type": "jwk", "file": "k"}}"#
            ]), key: "maskinporten.scopes", "contains a space"),
        .init(
            "pem without kid",
            minimalConfig(set: ["maskinporten": #"{"clientId": "c", "key": {"type": "pem", "file": "k.pem"}}"#]),
            key: "maskinporten.key.kid", "is required", "key id"),
        .init(
            "pkcs12 without passwordEnv",
            minimalConfig(set: ["maskinporten": #"{"clientId": "c", "key": {"type": "pkcs12", "file": "k.p12"}}"#]),
            key: "maskinporten.key.passwordEnv", "is required", "environment variable"),
        .init(
            "pkcs12 with a kid",
            minimalConfig(set: [
                "maskinporten":
                    #"{"clientId": "c", "key": {"type": "pkcs12", "file": "k.p12", "passwordEnv": "P", "kid": "k"}}"#
            ]), key: "maskinporten.key.kid", "unknown key"),
        .init(
            "unknown key type",
            minimalConfig(set: ["maskinporten": #"{"clientId": "c", "key": {"type": "der", "file": "k.der"}}"#]),
            key: "maskinporten.key.type", #"expected "pem", "pkcs12" or "jwk", got "der""#),
        .init(
            "key without file", minimalConfig(set: ["maskinporten": #"{"clientId": "c", "key": {"type": "jwk"}}"#]),
            key: "maskinporten.key.file", "is required"),
        .init(
            "consumerOrg of 8 digits",
            minimalConfig(set: [
                "maskinporten": #"{"clientId": "c", "consumerOrg": "12345678", "key": {"type": "jwk", "file": "k"}}"#
            ]), key: "maskinporten.consumerOrg", #"expected a 9-digit organisation number, got "12345678""#),
        .init(
            "consumerOrg with a letter",
            minimalConfig(set: [
                "maskinporten": #"{"clientId": "c", "consumerOrg": "12345678a", "key": {"type": "jwk", "file": "k"}}"#
            ]), key: "maskinporten.consumerOrg", "9-digit"),
        .init(
            "consumerOrg of non-ASCII digits",
            minimalConfig(set: [
                "maskinporten": #"{"clientId": "c", "consumerOrg": "١٢٣٤٥٦٧٨٩", "key": {"type": "jwk", "file": "k"}}"#
            ]), key: "maskinporten.consumerOrg", "9-digit"),
        .init(
            "consumerOrg as a number",
            minimalConfig(set: [
                "maskinporten": #"{"clientId": "c", "consumerOrg": 123456789, "key": {"type": "jwk", "file": "k"}}"#
            ]), key: "maskinporten.consumerOrg", "expected a string"),
        .init(
            "a comment", "{\n  // the test environment\n  \"environment\": \"tt02\"\n}", key: "", "not valid JSON",
            "at line 2", "JSON allows no comments"),
        .init(
            "a missing comma, found by line", "{\n  \"environment\": \"tt02\"\n  \"org\": \"ttd\"\n}", key: "",
            "at line 3", "missing or extra comma"),
        .init(
            "a key with other capitals",
            minimalConfig(set: ["maskinporten": #"{"clientID": "x", "key": {"type": "jwk", "file": "k"}}"#]),
            key: "maskinporten.clientId", #""clientID" is not it: keys are case-sensitive"#),
        .init(
            "a password where its variable's name belongs",
            minimalConfig(set: [
                "maskinporten":
                    #"{"clientId": "x", "key": {"type": "pkcs12", "file": "k.p12", "passwordEnv": "S3cret!pw"}}"#
            ]), key: "maskinporten.key.passwordEnv", "NAME of an environment variable"),
        .init(
            "both password sources",
            minimalConfig(set: [
                "maskinporten":
                    #"{"clientId": "x", "key": {"type": "pkcs12", "file": "k.p12", "passwordEnv": "P", "passwordFile": "p"}}"#
            ]), key: "maskinporten.key.passwordFile", "either passwordEnv or passwordFile"),
        .init(
            "a CA file that is not there", minimalConfig(set: ["http": #"{"caFile": "/nonexistent/ca.pem"}"#]),
            key: "http.caFile", "does not exist or cannot be read"),
        .init("a trailing comma", minimalConfig() + "\n,", key: "", "not valid JSON"),
        .init("not an object", #"["tt02"]"#, key: "", "expected a JSON object at the top level"),
        .init("empty file", "", key: "", "not valid JSON"),
    ]

    @Test(arguments: invalidCases)
    func invalidConfigurationsNameTheKeyAndTheExpectation(_ example: InvalidCase) throws {
        let error = try #require(throws: ConfigurationError.self) { try parse(example.text) }
        #expect(error.key == example.key, "\(error)")
        for fragment in example.problem {
            #expect(error.problem.contains(fragment), "\(error.problem) does not say \(fragment)")
        }
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

@Suite struct DurationTextTests {
    static let parsed: [(String, Duration)] = [
        ("500ms", .milliseconds(500)),
        ("90s", .seconds(90)),
        ("90", .seconds(90)),
        ("15m", .seconds(900)),
        ("24h", .seconds(86400)),
        ("7d", .seconds(7 * 86400)),
        ("1h30m", .seconds(5400)),
        ("1d2h3m4s", .seconds(86400 + 7200 + 180 + 4)),
        ("1m500ms", .milliseconds(60500)),
        ("1.5h", .seconds(5400)),
        ("0.25s", .milliseconds(250)),
        ("0s", .zero),
        (" 2m ", .seconds(120)),
    ]

    @Test(arguments: parsed)
    func parses(_ text: String, _ expected: Duration) throws {
        let duration = try #require(DurationText.parse(text))
        #expect(duration == expected)
    }

    @Test(arguments: [
        "", " ", "s", "ms", "m5", "5x", "5mm", "5 m", "-5s", "+5s", "1e3s", "1..5s", ".s", "5s!", "1h-30m",
        "٣s", "５s", "1h30", "1m30", "99999999999999999999d", "inf", "nan",
    ])
    func rejects(_ text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    static let formatted: [(Duration, String)] = [
        (.zero, "0s"),
        (.milliseconds(1), "1ms"),
        (.milliseconds(500), "500ms"),
        (.seconds(1), "1s"),
        (.seconds(90), "1m30s"),
        (.seconds(900), "15m"),
        (.seconds(5400), "1h30m"),
        (.seconds(86400), "1d"),
        (.seconds(90 * 86400), "90d"),
        (.seconds(7 * 86400 + 1), "7d1s"),
        (.milliseconds(1500), "1s500ms"),
        (.milliseconds(3_600_250), "1h250ms"),
    ]

    @Test(arguments: formatted)
    func formats(_ duration: Duration, _ expected: String) {
        #expect(DurationText.format(duration) == expected)
    }

    @Test(arguments: formatted.map(\.0))
    func formatThenParseGivesTheDurationBack(_ duration: Duration) throws {
        let text = DurationText.format(duration)
        let parsed = try #require(DurationText.parse(text), "\(text)")
        #expect(parsed == duration, "\(text)")
    }
}
