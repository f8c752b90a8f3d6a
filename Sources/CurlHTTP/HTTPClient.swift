public import Logging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// An HTTP client over libcurl's multi interface.
///
/// All transfers of one client run on one engine thread and share its connections. Requests are checked
/// against ``URLPolicy`` before anything is sent; redirects follow ``RedirectPolicy``; transient failures are
/// retried under ``RetryPolicy``. A status other than 2xx is thrown as ``HTTPError``. Cancelling the calling
/// task aborts the transfer promptly and, for downloads, deletes the partial file.
public final class HTTPClient: Sendable {
    /// The settings every request uses.
    public let configuration: HTTPClientConfiguration
    private let engine: TransferEngine

    /// The default bound for in-memory bodies: 16 MiB.
    public static let defaultBodyLimit = 16 * 1024 * 1024

    /// Creates a client and starts its engine thread.
    public init(configuration: HTTPClientConfiguration = HTTPClientConfiguration()) {
        self.configuration = configuration
        engine = TransferEngine(
            maxConnectionsPerHost: configuration.maxConnectionsPerHost, maxRunning: configuration.maxRunningTransfers)
    }

    deinit {
        engine.shutdown()
    }

    /// Cancels all transfers and stops the engine thread. Later requests fail with `CancellationError`.
    public func shutdown() {
        engine.shutdown()
    }

    /// Sends `request` and reads the response body into memory, up to `bodyLimit` bytes.
    ///
    /// A request without a ``HTTPRequest/deadline`` gets the configured API deadline.
    public func send(
        _ request: HTTPRequest, bodyLimit: Int = HTTPClient.defaultBodyLimit, logger: Logger = HTTPClient.silentLogger
    ) async throws -> HTTPResponse {
        var request = request
        if request.deadline == nil { request.deadline = configuration.timeouts.apiDeadline }
        let (result, url) = try await execute(request, destination: .memory(limit: bodyLimit), logger: logger)
        return HTTPResponse(status: result.status, headers: result.headers, body: result.body, url: url)
    }

    /// Sends `request` and streams the response body into the file at `path`, created or emptied.
    ///
    /// The file is created (mode 0640, never through a symbolic link), truncated for each retry, fsync'd
    /// before returning when `durable`, and deleted on any failure or cancellation: on return the file holds
    /// exactly the body of a 2xx response, and on throw there is no file. An error page never reaches it.
    public func download(
        _ request: HTTPRequest, to path: String, durable: Bool = true, logger: Logger = HTTPClient.silentLogger
    ) async throws -> HTTPDownload {
        let sink = try FileSink(path: path)
        do {
            let (result, url) = try await execute(request, destination: .file(sink), logger: logger)
            let sha256 = try sink.finish(durable: durable).get()
            return HTTPDownload(
                status: result.status, headers: result.headers, byteCount: sink.byteCount, sha256: sha256, url: url)
        } catch {
            sink.discard()
            throw error
        }
    }

    /// A logger that discards everything, the default for callers that pass none.
    public static let silentLogger = Logger(label: "CurlHTTP", factory: { _ in SwiftLogNoOpLogHandler() })

    // MARK: Retries and redirects

    private func execute(
        _ request: HTTPRequest, destination: BodyDestination, logger: Logger
    ) async throws -> (AttemptResult, URL) {
        try URLPolicy.check(request.url)
        var current = request
        var redirects = 0
        var attempt = 0
        var waited = Duration.zero
        var freshConnection = false
        while true {
            attempt += 1
            if case .file(let sink) = destination, attempt > 1 || redirects > 0 || freshConnection,
                let reason = sink.reset()
            {
                throw HTTPError(code: .fileSystem, url: current.url, detail: "truncating \(sink.path): \(reason)")
            }
            do {
                let result = try await perform(current, destination: destination, freshConnection: freshConnection)
                let location = result.headers["Location"]
                if let next = try RedirectPolicy.nextRequest(after: current, status: result.status, location: location)
                {
                    redirects += 1
                    guard redirects <= configuration.maxRedirects else {
                        throw HTTPError(
                            code: .tooManyRedirects, url: request.url, status: result.status,
                            detail: "more than \(configuration.maxRedirects) redirects")
                    }
                    logger.debug(
                        "following redirect",
                        metadata: ["http.status": "\(result.status)", "http.url": "\(RedactedURL.string(next.url))"])
                    current = next
                    attempt -= 1  // a hop is not a failed attempt: the retry budget stays whole
                    continue
                }
                guard (200..<300).contains(result.status) else {
                    throw HTTPError(
                        code: .status, url: current.url, status: result.status, headers: result.headers,
                        body: result.body, attempts: attempt)
                }
                return (result, current.url)
            } catch let error as HTTPError
                where error.code == .brokenReusedConnection && current.isSafeToRetry && !freshConnection
            {
                // Not the server's fault, and nothing to wait for: once more at once, on a new connection.
                logger.notice("retrying on a fresh connection", metadata: ["http.error": "\(error)"])
                freshConnection = true
                attempt -= 1
            } catch var error as HTTPError {
                error.attempts = attempt
                guard !current.isRetriedByCaller,
                    let wait = configuration.retry.delay(
                        afterAttempt: attempt, failure: error, isSafeToRetry: current.isSafeToRetry,
                        waitedSoFar: waited)
                else { throw error }
                logger.notice(
                    "retrying request",
                    metadata: [
                        "http.error": "\(error)", "http.attempt": "\(attempt)",
                        "http.retry_in_seconds": "\(wait.seconds.decimalText(digits: 1))",
                    ])
                try await Task.sleep(for: wait)
                waited += wait
            }
        }
    }

    /// Runs one attempt on the engine thread, cancellable from the calling task.
    private func perform(
        _ request: HTTPRequest, destination: BodyDestination, freshConnection: Bool
    ) async throws -> AttemptResult {
        let transfer = Transfer(
            request: request, destination: destination, configuration: configuration,
            freshConnection: freshConnection)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                transfer.continuation = continuation
                engine.submit(transfer)
            }
        } onCancel: {
            engine.cancel(transfer)
        }
    }
}
