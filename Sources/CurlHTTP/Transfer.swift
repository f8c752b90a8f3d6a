internal import CCurl

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Where one attempt's response body goes.
enum BodyDestination {
    /// Into memory, failing with ``HTTPError/Code/bodyTooLarge`` beyond `limit` bytes.
    case memory(limit: Int)
    /// Into a file.
    case file(FileSink)
}

/// What one attempt produced, before redirect and retry decisions.
struct AttemptResult: Sendable {
    var status: Int
    var headers: HTTPHeaders
    /// The body of a 2xx response read into memory, or the start of any other response's body.
    var body: Data
}

/// One attempt of one request: the state libcurl's callbacks write into.
///
/// Thread model: created by the calling task, handed to the engine with ``TransferEngine/submit(_:)`` (which
/// makes its handle on the calling thread first), and from then on touched only by the engine's thread, which resumes ``continuation`` exactly once. The one
/// exception is a submission the engine refuses (it is shutting down): the submitting thread then fails the
/// transfer itself, which the engine never saw.
final class Transfer: @unchecked Sendable {
    /// The largest error body kept for diagnostics.
    static let errorBodyLimit = 64 * 1024

    let request: HTTPRequest
    let destination: BodyDestination
    let configuration: HTTPClientConfiguration
    /// Whether the attempt must open a new connection instead of reusing a kept-alive one.
    let freshConnection: Bool
    var continuation: CheckedContinuation<AttemptResult, any Error>?

    var easy: EasyHandle?
    /// Set by a cancellation request, possibly before the transfer started.
    var cancelRequested = false

    private var status = 0
    private var headers = HTTPHeaders()
    private var body = Data()
    private var failure: HTTPError?

    init(
        request: HTTPRequest, destination: BodyDestination, configuration: HTTPClientConfiguration,
        freshConnection: Bool = false
    ) {
        self.request = request
        self.destination = destination
        self.configuration = configuration
        self.freshConnection = freshConnection
    }

    /// Creates and configures the easy handle.
    func makeHandle() throws(HTTPError) -> EasyHandle {
        do {
            let easy = try EasyHandle()
            try configure(easy)
            self.easy = easy
            return easy
        } catch {
            throw HTTPError(code: .transport, url: request.url, detail: "libcurl rejected an option")
        }
    }

    private func configure(_ easy: EasyHandle) throws(CurlSetupError) {
        let timeouts = configuration.timeouts
        try easy.set(CURLOPT_URL, request.url.absoluteString)
        try easy.set(CURLOPT_PROTOCOLS_STR, "http,https")
        try easy.set(CURLOPT_FOLLOWLOCATION, false)
        try easy.set(CURLOPT_NOSIGNAL, true)
        try easy.set(CURLOPT_SSL_VERIFYPEER, true)
        try easy.set(CURLOPT_SSL_VERIFYHOST, 2)
        if let caFile = configuration.caFile {
            try easy.set(CURLOPT_CAINFO, caFile)
            try easy.set(CURLOPT_PROXY_CAINFO, caFile)
        }
        try easy.set(CURLOPT_PROXY, configuration.proxy.proxy(for: request.url))
        if let noProxy = configuration.proxy.noProxy { try easy.set(CURLOPT_NOPROXY, noProxy) }
        try easy.set(CURLOPT_HTTP_VERSION, ccurl_http_version_2tls)
        // Waiting for a connection that may multiplex pays off only where HTTP/2 can be negotiated (TLS); over
        // plain HTTP it would queue transfers behind the first connection until it answers.
        try easy.set(CURLOPT_PIPEWAIT, request.url.scheme == "https")
        if freshConnection { try easy.set(CURLOPT_FRESH_CONNECT, true) }
        try easy.set(CURLOPT_USERAGENT, configuration.userAgent)
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, Int(timeouts.connect.seconds * 1000))
        try easy.set(CURLOPT_LOW_SPEED_LIMIT, timeouts.stallMinimumBytesPerSecond)
        try easy.set(CURLOPT_LOW_SPEED_TIME, max(1, Int(timeouts.stall.seconds.rounded(.up))))
        if let deadline = request.deadline { try easy.set(CURLOPT_TIMEOUT_MS, max(1, Int(deadline.seconds * 1000))) }

        switch destination {
        case .memory:
            try easy.set(CURLOPT_ACCEPT_ENCODING, "")
        case .file:
            // Archival bytes exactly as served: no content coding, and larger reads for throughput.
            try easy.set(CURLOPT_BUFFERSIZE, 128 * 1024)
        }

        switch request.method {
        case .get: try easy.set(CURLOPT_HTTPGET, true)
        case .head: try easy.set(CURLOPT_NOBODY, true)
        case .post, .put, .delete:
            if request.method != .post { try easy.set(CURLOPT_CUSTOMREQUEST, request.method.rawValue) }
            try easy.set(CURLOPT_POST, true)
            let body = request.body ?? Data()
            try easy.set(CURLOPT_POSTFIELDSIZE_LARGE, offset: Int64(body.count))
            guard !body.isEmpty else {
                // A zero-length body still needs a non-null pointer, or libcurl reads the body from stdin.
                try easy.set(CURLOPT_POSTFIELDS, pointer: emptyPostBody)
                break
            }
            // COPYPOSTFIELDS copies the bytes, so the Data need not outlive this call.
            let copied = body.withUnsafeBytes { bytes in
                Result { () throws(CurlSetupError) in
                    try easy.set(CURLOPT_COPYPOSTFIELDS, pointer: UnsafeMutableRawPointer(mutating: bytes.baseAddress))
                }
            }
            try copied.get()
        }

        var lines = request.headers.map { "\($0.name): \($0.value)" }
        // No "Expect: 100-continue" round trip; no "Accept: */*" default when the caller set Accept.
        lines.append("Expect:")
        try easy.setHeaders(lines)

        let context = Unmanaged.passUnretained(self).toOpaque()
        try easy.set(CURLOPT_HEADERFUNCTION, callback: transferHeaderCallback)
        try easy.set(CURLOPT_HEADERDATA, pointer: context)
        try easy.set(CURLOPT_WRITEFUNCTION, callback: transferWriteCallback)
        try easy.set(CURLOPT_WRITEDATA, pointer: context)
    }

    // MARK: Callbacks (engine thread)

    /// Receives one header line; a status line starts a new response (interim 1xx, proxy CONNECT).
    func receiveHeader(_ line: Substring) {
        let trimmed = line.trimming(.whitespacesAndNewlines)
        if trimmed.hasPrefix("HTTP/") {
            let parts = trimmed.split(separator: " ", maxSplits: 2)
            status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            headers = HTTPHeaders()
            return
        }
        guard let colon = trimmed.firstIndex(of: ":") else { return }
        let name = trimmed[..<colon].trimming(.whitespaces)
        let value = trimmed[trimmed.index(after: colon)...].trimming(.whitespaces)
        headers.add(name: name, value: value)
    }

    /// Receives body bytes; returns false to make libcurl abort the transfer.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard (200..<300).contains(status) else {
            // An error page never reaches the caller's sink; keep its start for the error, and stop reading
            // once that is full rather than hold the connection for the rest of it.
            let room = Self.errorBodyLimit - body.count
            body.append(contentsOf: bytes.prefix(max(0, room)))
            guard room >= bytes.count else {
                failure = HTTPError(code: .status, url: request.url, status: status, headers: headers, body: body)
                return false
            }
            return true
        }
        switch destination {
        case .memory(let limit):
            guard body.count + bytes.count <= limit else {
                failure = HTTPError(
                    code: .bodyTooLarge, url: request.url, status: status, headers: headers,
                    detail: "the response body exceeds the limit of \(limit) bytes")
                return false
            }
            body.append(contentsOf: bytes)
        case .file(let sink):
            if let reason = sink.write(bytes) {
                failure = HTTPError(
                    code: .fileSystem, url: request.url, status: status, headers: headers,
                    detail: "writing \(sink.path): \(reason)")
                return false
            }
        }
        return true
    }

    // MARK: Completion (engine thread)

    /// Resumes the waiting task with the outcome of libcurl's `result`.
    func complete(with result: CURLcode) {
        let outcome: Result<AttemptResult, any Error>
        if let failure {
            outcome = .failure(failure)
        } else if result == CURLE_OK {
            let finalStatus = easy?.responseCode ?? status
            outcome = .success(AttemptResult(status: finalStatus, headers: headers, body: body))
        } else {
            outcome = .failure(classify(result))
        }
        resume(outcome)
    }

    /// Resumes the waiting task with `error` (cancellation, or a failure before the transfer started).
    func fail(_ error: any Error) {
        resume(.failure(error))
    }

    private func resume(_ outcome: Result<AttemptResult, any Error>) {
        guard let continuation else { return }
        self.continuation = nil
        easy = nil
        continuation.resume(with: outcome)
    }

    private func classify(_ result: CURLcode) -> HTTPError {
        let message = easy?.errorMessage ?? ""
        let failure = CurlFailure(
            result: result, message: message.isEmpty ? String(cString: curl_easy_strerror(result)) : message,
            proxyConnectStatus: easy?.proxyConnectStatus ?? 0, reusedConnection: easy?.reusedConnection ?? false)
        // A status is the origin's only when the tunnel (if any) was open: a proxy refusing CONNECT is not it.
        let originStatus = failure.code == .proxyRefused || status == 0 ? nil : status
        return HTTPError(code: failure.code, url: request.url, status: originStatus, detail: failure.detail)
    }
}

/// The body of every empty POST: a static, never freed, zero-length C string.
private nonisolated(unsafe) let emptyPostBody: UnsafeMutableRawPointer = {
    let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
    pointer.initialize(to: 0)
    return UnsafeMutableRawPointer(pointer)
}()

/// CURLOPT_HEADERFUNCTION: reaches its ``Transfer`` through the opaque context pointer.
private func transferHeaderCallback(
    _ buffer: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    let length = size * count
    guard let buffer, let context else { return length }
    let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
    let bytes = UnsafeRawBufferPointer(start: buffer, count: length)
    transfer.receiveHeader(Substring(decoding: bytes, as: UTF8.self))
    return length
}

/// CURLOPT_WRITEFUNCTION: a return value other than `length` makes libcurl abort with CURLE_WRITE_ERROR.
private func transferWriteCallback(
    _ buffer: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    let length = size * count
    guard let buffer, let context else { return length }
    let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
    return transfer.receiveBody(UnsafeRawBufferPointer(start: buffer, count: length)) ? length : 0
}
