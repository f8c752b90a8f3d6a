internal import COpenSSL

/// The one place where OpenSSL results are checked and turned into ``OpenSSLError``s.
///
/// OpenSSL's error queue is thread-local. Each call clears it first, so that a failure reports only its
/// own errors, and drains it after a failure; no `await` can come between, so the thread is the same.
enum OpenSSLCall {
    /// Runs `body`, which returns nil on failure, and returns its non-nil result.
    static func pointer<T>(_ operation: String, _ body: () -> T?) throws(OpenSSLError) -> T {
        OpenSSLRuntime.ensureInitialized()
        ERR_clear_error()
        guard let result = body() else { throw drain(operation) }
        return result
    }

    /// Runs `body`, which returns 1 on success as most OpenSSL functions do.
    static func check(_ operation: String, _ body: () -> Int32) throws(OpenSSLError) {
        OpenSSLRuntime.ensureInitialized()
        ERR_clear_error()
        guard body() == 1 else { throw drain(operation) }
    }

    /// Empties the calling thread's error queue into an error for `operation`.
    static func drain(_ operation: String) -> OpenSSLError {
        var queue: [String] = []
        var reasons: [OpenSSLReason] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            queue.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
            reasons.append(
                OpenSSLReason(library: copenssl_err_get_lib(code), reason: copenssl_err_get_reason(code)))
        }
        return OpenSSLError(operation: operation, queue: queue, reasons: reasons)
    }

    /// Discards whatever is queued, for failures that are expected and handled (such as probing a format).
    static func clearErrors() {
        ERR_clear_error()
    }
}
