import AltinnAPI
import Foundation
import Testing

@testable import AltinnSync

/// Every way a configuration can be wrong names the key and says what is expected.
@Suite struct ConfigurationErrorTests {
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
}
