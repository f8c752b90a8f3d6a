internal import CCurl
internal import COpenSSL

/// Process-wide setup of OpenSSL and libcurl, done once.
enum CurlRuntime {
    /// OpenSSL is initialised without its atexit handler before libcurl, so that threads still running at
    /// exit cannot touch freed OpenSSL state; then `curl_global_init`. Swift runs this once, thread-safely.
    private static let initialization: Bool = {
        guard copenssl_init_no_atexit() == 1 else { return false }
        return curl_global_init(ccurl_global_default) == CURLE_OK
    }()

    /// Performs the process-wide setup if it has not run yet.
    static func ensureInitialized() {
        precondition(initialization, "libcurl or OpenSSL failed to initialise")
    }

    /// libcurl's version text, e.g. `libcurl/7.88.1 OpenSSL/3.0.19 ...`.
    static var versionDescription: String {
        ensureInitialized()
        return String(cString: curl_version())
    }
}
