internal import COpenSSL

/// Process-wide OpenSSL setup for key handling, done once.
///
/// OpenSSL is initialised without its atexit handler (as the HTTP transport does), then the `default`
/// and `legacy` providers are loaded into the default library context. Loading any provider explicitly
/// stops OpenSSL from loading `default` implicitly, so both are loaded. `legacy` holds RC2 and RC4, which
/// PKCS#12 files exported by older tools use; it may be missing (a minimal OpenSSL build, or
/// `OPENSSL_MODULES` pointing elsewhere), and that only matters when such a file is met. The providers are
/// never unloaded.
enum OpenSSLRuntime {
    private static let state: (initialized: Bool, legacyAvailable: Bool) = {
        guard copenssl_init_no_atexit() == 1 else { return (false, false) }
        let legacy = OSSL_PROVIDER_load(nil, "legacy") != nil
        let defaultProvider = OSSL_PROVIDER_load(nil, "default") != nil
        ERR_clear_error()
        return (defaultProvider, legacy)
    }()

    /// Performs the process-wide setup if it has not run yet.
    static func ensureInitialized() {
        precondition(state.initialized, "OpenSSL failed to initialise or to load its default provider")
    }

    /// Whether OpenSSL's `legacy` provider (RC2, RC4, ...) could be loaded.
    static var isLegacyProviderAvailable: Bool {
        ensureInitialized()
        return state.legacyAvailable
    }
}
