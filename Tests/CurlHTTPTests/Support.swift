import CurlHTTP
import Foundation
import TestSupport

/// Runs `body` against a fresh transport test server, stopping it afterwards.
func withServer<T>(_ body: (TransportTestServer) async throws -> T) async throws -> T {
    let server = try await TransportTestServer()
    do {
        let value = try await body(server)
        await server.stop()
        return value
    } catch {
        await server.stop()
        throw error
    }
}

/// A client with fast retries, so that retry tests take milliseconds rather than seconds.
func makeClient(
    retry: RetryPolicy = RetryPolicy(maxAttempts: 4, initialBackoff: .milliseconds(20), maxBackoff: .milliseconds(100)),
    timeouts: HTTPTimeouts = HTTPTimeouts()
) -> HTTPClient {
    HTTPClient(configuration: HTTPClientConfiguration(timeouts: timeouts, retry: retry))
}

/// A fresh temporary directory, removed by the caller.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("curlhttp-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The SHA-256 of the server's body pattern, computed in chunks.
func patternSHA256(count: Int, seed: Int) -> String {
    let digest = SHA256Digest()
    let chunk = 65521 * 16
    let block = TransportTestServer.pattern(offset: 0, count: chunk, seed: seed)
    var offset = 0
    while offset < count {
        let length = min(chunk, count - offset)
        block.withUnsafeBytes { digest.update(UnsafeRawBufferPointer(rebasing: $0[0..<length])) }
        offset += length
    }
    return digest.finalizeHex()
}

/// The process's peak resident set size in bytes (VmHWM), from /proc.
func peakResidentBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return kilobytes * 1024
    }
    return 0
}

/// The process's current resident set size in bytes (VmRSS), from /proc.
func residentBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return kilobytes * 1024
    }
    return 0
}
