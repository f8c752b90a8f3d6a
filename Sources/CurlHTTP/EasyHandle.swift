internal import CCurl

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Owns one libcurl easy handle and the C memory its options point to.
///
/// Not `Sendable`: it lives on the transfer engine's thread. Every option goes through ``set(_:_:)``,
/// the one place that checks libcurl's return codes.
final class EasyHandle {
    let raw: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?
    /// libcurl writes its human-readable error message here (CURLOPT_ERRORBUFFER).
    private let errorBuffer: UnsafeMutablePointer<CChar>

    init() throws(CurlSetupError) {
        CurlRuntime.ensureInitialized()
        guard let raw = curl_easy_init() else { throw CurlSetupError() }
        self.raw = raw
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        try set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
    }

    deinit {
        curl_easy_cleanup(raw)
        if let headerList { curl_slist_free_all(headerList) }
        errorBuffer.deallocate()
    }

    /// libcurl's message for the last failure, or an empty string.
    var errorMessage: String {
        String(cString: errorBuffer).trimming(.whitespacesAndNewlines)
    }

    func set(_ option: CURLoption, _ value: Int) throws(CurlSetupError) {
        try check(ccurl_easy_setopt_long(raw, option, value))
    }

    func set(_ option: CURLoption, _ value: Bool) throws(CurlSetupError) {
        try set(option, value ? 1 : 0)
    }

    func set(_ option: CURLoption, _ value: String) throws(CurlSetupError) {
        // libcurl copies string options (since 7.17), so a temporary C string suffices.
        try check(value.withCString { ccurl_easy_setopt_string(raw, option, $0) })
    }

    func set(_ option: CURLoption, offset value: Int64) throws(CurlSetupError) {
        try check(ccurl_easy_setopt_off_t(raw, option, curl_off_t(value)))
    }

    func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) throws(CurlSetupError) {
        try check(ccurl_easy_setopt_pointer(raw, option, value))
    }

    func set(_ option: CURLoption, callback: ccurl_data_callback) throws(CurlSetupError) {
        try check(ccurl_easy_setopt_data_callback(raw, option, callback))
    }

    /// Sets the request header fields; the list stays alive as long as the handle.
    func setHeaders(_ headers: [String]) throws(CurlSetupError) {
        var list: UnsafeMutablePointer<curl_slist>?
        for header in headers {
            guard let appended = curl_slist_append(list, header) else {
                if let list { curl_slist_free_all(list) }
                throw CurlSetupError()
            }
            list = appended
        }
        if let headerList { curl_slist_free_all(headerList) }
        headerList = list
        try check(ccurl_easy_setopt_slist(raw, CURLOPT_HTTPHEADER, list))
    }

    /// The status code of the last response, or 0.
    var responseCode: Int {
        var code: Int = 0
        _ = ccurl_easy_getinfo_long(raw, CURLINFO_RESPONSE_CODE, &code)
        return code
    }

    /// The status a proxy answered to CONNECT (0: no proxy tunnel).
    var proxyConnectStatus: Int {
        var status: Int = 0
        _ = ccurl_easy_getinfo_long(raw, CURLINFO_HTTP_CONNECTCODE, &status)
        return status
    }

    /// Whether the transfer ran on a connection an earlier transfer had opened (libcurl opened none for it).
    var reusedConnection: Bool {
        var opened: Int = 0
        guard ccurl_easy_getinfo_long(raw, CURLINFO_NUM_CONNECTS, &opened) == CURLE_OK else { return false }
        return opened == 0
    }

    private func check(_ code: CURLcode) throws(CurlSetupError) {
        guard code == CURLE_OK else { throw CurlSetupError() }
    }
}

/// libcurl refused to create a handle or to accept an option.
struct CurlSetupError: Error {}
