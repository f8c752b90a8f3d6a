import AltinnAPI

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The sections of the configuration file, each read and checked on its own.
extension ConfigurationLoader {
    static func readEnvironment(_ root: inout JSONObjectReader) throws(ConfigurationError) -> AltinnEnvironment {
        let name = try root.requiredString("environment", hint: "\"tt02\", \"production\" or \"custom\"")
        switch name {
        case "tt02", "production":
            guard !root.has("endpoints") else {
                throw root.invalid("endpoints", "is only allowed with \"environment\": \"custom\"")
            }
            root.accept("endpoints")  // present as null at most
            return name == "tt02" ? .tt02 : .production
        case "custom":
            guard var endpoints = try root.object("endpoints") else {
                throw root.missing(
                    "endpoints",
                    hint: "with \"environment\": \"custom\", give {\"maskinporten\", \"platform\", \"apps\"}")
            }
            let maskinporten = try endpoints.requiredString(
                "maskinporten", hint: "the Maskinporten issuer URL with a trailing slash")
            let platform = try endpoints.requiredString("platform", hint: "the platform base URL")
            let apps = try endpoints.requiredString("apps", hint: "the apps base URL, may contain {org}")
            try endpoints.rejectUnknownKeys()
            guard let issuer = URL(string: maskinporten), issuer.scheme != nil, issuer.host != nil else {
                throw endpoints.invalid("maskinporten", "expected an absolute URL, got \"\(maskinporten)\"")
            }
            guard maskinporten.hasSuffix("/") else {
                throw endpoints.invalid(
                    "maskinporten",
                    "must end with \"/\": it is the issuer, which is also the grant's audience (e.g. https://test.maskinporten.no/)"
                )
            }
            guard let platformURL = URL(string: platform), platformURL.scheme != nil, platformURL.host != nil else {
                throw endpoints.invalid("platform", "expected an absolute URL, got \"\(platform)\"")
            }
            return .custom(maskinporten: issuer, platform: platformURL, apps: apps)
        default:
            throw root.invalid("environment", "expected \"tt02\", \"production\" or \"custom\", got \"\(name)\"")
        }
    }

    static func readMaskinporten(
        _ mp: inout JSONObjectReader, base: String
    ) throws(ConfigurationError) -> SyncConfiguration.MaskinportenSettings {
        let clientId = try mp.requiredString(
            "clientId", hint: "the Maskinporten client id (integration id) from Digdir's self-service portal")
        let scopes = try mp.stringArray("scopes") ?? defaultScopes
        guard !scopes.isEmpty else { throw mp.invalid("scopes", "must list at least one scope") }
        if let bad = scopes.first(where: { $0.contains(" ") }) {
            throw mp.invalid("scopes", "\"\(bad)\" contains a space; list each scope separately")
        }
        guard var keyObject = try mp.object("key") else {
            throw mp.missing("key", hint: "{\"type\": \"pem\" | \"pkcs12\" | \"jwk\", \"file\" or \"credential\": ...}")
        }
        let key = try readKey(&keyObject, base: base)
        let resource = try mp.stringArray("resource")
        let consumerOrg = try mp.string("consumerOrg")
        if let consumerOrg, !(consumerOrg.count == 9 && consumerOrg.allSatisfy { $0.isASCII && $0.isNumber }) {
            throw mp.invalid("consumerOrg", "expected a 9-digit organisation number, got \"\(consumerOrg)\"")
        }
        try mp.rejectUnknownKeys()
        return .init(clientId: clientId, scopes: scopes, key: key, resource: resource, consumerOrg: consumerOrg)
    }

    static func readKey(
        _ key: inout JSONObjectReader, base: String
    ) throws(ConfigurationError) -> SyncConfiguration.KeySettings {
        let type = try key.requiredString("type", hint: "\"pem\", \"pkcs12\" or \"jwk\"")
        let file = try keyFile(&key, base: base)
        let result: SyncConfiguration.KeySettings
        switch type {
        case "pem":
            let kid = try key.requiredString("kid", hint: "the key id registered with the Maskinporten client")
            result = .pem(file: file, kid: kid, password: try passwordSource(&key, base: base))
        case "pkcs12":
            guard let password = try passwordSource(&key, base: base) else {
                throw key.missing(
                    "passwordEnv",
                    hint: "the name of the environment variable that holds the PKCS#12 password "
                        + "(or passwordFile: a file holding it; or passwordCredential: the systemd credential holding it)"
                )
            }
            result = .pkcs12(file: file, password: password)
        case "jwk":
            result = .jwk(file: file, kid: try key.string("kid"))
        default:
            throw key.invalid("type", "expected \"pem\", \"pkcs12\" or \"jwk\", got \"\(type)\"")
        }
        try key.rejectUnknownKeys()
        return result
    }

    static func readReconcile(
        _ root: inout JSONObjectReader
    ) throws(ConfigurationError) -> SyncConfiguration.ReconcileSettings {
        var settings = SyncConfiguration.ReconcileSettings(enabled: true, interval: .seconds(86400), pageSize: 100)
        guard var object = try root.object("reconcile") else { return settings }
        settings.enabled = try object.bool("enabled") ?? settings.enabled
        settings.interval =
            try object.duration("interval", in: .seconds(60)...Duration.seconds(90 * 86400)) ?? settings.interval
        settings.pageSize = try object.integer("pageSize", in: 1...1000) ?? settings.pageSize
        try object.rejectUnknownKeys()
        return settings
    }

    static func readRetry(_ root: inout JSONObjectReader) throws(ConfigurationError) -> RetryLedger.Policy {
        var policy = RetryLedger.Policy()
        guard var object = try root.object("retry") else { return policy }
        policy.maxAttempts = try object.integer("maxAttempts", in: 1...1000) ?? policy.maxAttempts
        policy.initialDelay =
            try object.duration("initialDelay", in: .zero...Duration.seconds(7 * 86400)) ?? policy.initialDelay
        policy.maxDelay = try object.duration("maxDelay", in: .zero...Duration.seconds(30 * 86400)) ?? policy.maxDelay
        try object.rejectUnknownKeys()
        return policy
    }

    static func readHTTP(
        _ root: inout JSONObjectReader, base: String
    ) throws(ConfigurationError) -> SyncConfiguration.HTTPSettings {
        var settings = SyncConfiguration.HTTPSettings(
            connectTimeout: .seconds(15), stallTimeout: .seconds(60), apiTimeout: .seconds(120), maxAttempts: 5,
            caFile: nil, proxy: nil, noProxy: nil)
        guard var object = try root.object("http") else { return settings }
        settings.connectTimeout =
            try object.duration("connectTimeout", in: .milliseconds(100)...Duration.seconds(600))
            ?? settings.connectTimeout
        settings.stallTimeout =
            try object.duration("stallTimeout", in: .seconds(1)...Duration.seconds(3600)) ?? settings.stallTimeout
        settings.apiTimeout =
            try object.duration("apiTimeout", in: .seconds(1)...Duration.seconds(3600)) ?? settings.apiTimeout
        settings.maxAttempts = try object.integer("maxAttempts", in: 1...20) ?? settings.maxAttempts
        settings.caFile = try object.string("caFile").map { absolutePath($0, base: base) }
        if let caFile = settings.caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw object.invalid(
                "caFile", "\(caFile) does not exist or cannot be read; give a PEM bundle of CA certificates")
        }
        settings.proxy = try object.string("proxy")
        settings.noProxy = try object.string("noProxy")
        try object.rejectUnknownKeys()
        return settings
    }

    /// The name of an environment variable. A value that is not a name is never echoed: it is often the
    /// secret itself, written where its variable's name belongs.
    static func environmentVariableName(
        _ object: inout JSONObjectReader, _ key: String
    ) throws(ConfigurationError) -> String? {
        guard let name = try object.string(key) else { return nil }
        let valid =
            name.first.map { $0 == "_" || ($0.isASCII && $0.isLetter) } == true
            && name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
        guard valid else {
            throw object.invalid(
                key,
                "expected the NAME of an environment variable (letters, digits and _), such as P12_PASSWORD; the "
                    + "value given is not one (it is not repeated here in case it is the password itself)")
        }
        return name
    }

    /// `passwordEnv`, `passwordFile` or `passwordCredential`, at most one of them.
    static func passwordSource(
        _ key: inout JSONObjectReader, base: String
    ) throws(ConfigurationError) -> SyncConfiguration.PasswordSource? {
        let variable = try environmentVariableName(&key, "passwordEnv")
        let file = try key.string("passwordFile").map { SecretFile.path(absolutePath($0, base: base)) }
        let credential = try credentialName(&key, "passwordCredential").map(SecretFile.credential)
        let given = [
            ("passwordEnv", variable != nil), ("passwordFile", file != nil), ("passwordCredential", credential != nil),
        ]
        .filter(\.1).map(\.0)
        if given.count > 1 {
            throw key.invalid(
                given[1],
                "give either passwordEnv or passwordFile or passwordCredential, only one of them; got \(given.joined(separator: " and "))"
            )
        }
        if let variable { return .environment(variable) }
        return (file ?? credential).map { .file($0) }
    }

    /// `file` (a path, relative to the configuration's folder) or `credential` (a systemd credential's name),
    /// exactly one of them.
    static func keyFile(_ key: inout JSONObjectReader, base: String) throws(ConfigurationError) -> SecretFile {
        let path = try key.string("file")
        let credential = try credentialName(&key, "credential")
        switch (path, credential) {
        case (let path?, nil): return .path(absolutePath(path, base: base))
        case (nil, let name?): return .credential(name)
        case (.some, .some): throw key.invalid("credential", "give either file or credential, not both")
        case (nil, nil):
            throw key.missing(
                "file",
                hint: "the key file, or \"credential\": the name of the systemd credential holding it "
                    + "(LoadCredential=NAME:FILE in the unit)")
        }
    }

    /// The name of a systemd credential, as `LoadCredential=NAME:FILE` gives it.
    static func credentialName(_ object: inout JSONObjectReader, _ key: String) throws(ConfigurationError) -> String? {
        guard let name = try object.string(key) else { return nil }
        guard SecretFile.isCredentialName(name) else {
            throw object.invalid(
                key,
                "expected the name of a systemd credential (LoadCredential=NAME:FILE), a file name without \"/\", "
                    + "such as \"maskinporten-key\"")
        }
        return name
    }
}
