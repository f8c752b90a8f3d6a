extension SyncConfiguration.PasswordSource {
    /// Where the password comes from, naming the configuration key that says so: what a message about a
    /// password that does not open the key points the operator to. Never the password itself.
    public var origin: String {
        switch self {
        case .environment(let variable):
            "the password comes from the environment variable \(variable) (maskinporten.key.passwordEnv)"
        case .file(.path(let path)):
            "the password comes from the first line of \(path) (maskinporten.key.passwordFile)"
        case .file(.credential(let name)):
            "the password comes from the first line of the systemd credential \(name) "
                + "(maskinporten.key.passwordCredential)"
        }
    }
}
