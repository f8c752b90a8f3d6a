import CurlHTTP
import Foundation
import Testing

/// TLS against a real, independent server: `openssl s_server` with a freshly made self-signed certificate.
@Suite struct TLSTests {
    @Test func verifiesCertificatesAndTrustsAConfiguredCAFile() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let certificate = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        try runOpenSSL([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-days", "1",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
        ])
        let port = Int.random(in: 20000..<60000)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        server.arguments = [
            "s_server", "-accept", "127.0.0.1:\(port)", "-cert", certificate, "-key", key, "-www", "-quiet",
        ]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate() }
        let url = URL(string: "https://localhost:\(port)/")!

        // Wait for the server to listen, then expect the system trust store to reject the certificate.
        let untrusting = HTTPClient(configuration: HTTPClientConfiguration(retry: .never))
        var rejection: HTTPError?
        for _ in 0..<50 {
            do {
                _ = try await untrusting.send(HTTPRequest(url: url))
                Issue.record("a self-signed certificate was accepted without a CA file")
                return
            } catch let error as HTTPError where error.code == .connectFailed {
                try await Task.sleep(for: .milliseconds(100))
            } catch let error as HTTPError {
                rejection = error
                break
            }
        }
        #expect(rejection?.code == .tls)
        #expect(rejection?.isTransient == false)

        let trusting = HTTPClient(configuration: HTTPClientConfiguration(retry: .never, caFile: certificate))
        let response = try await trusting.send(HTTPRequest(url: url))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self).contains("s_server"))
    }

    private func runOpenSSL(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "openssl \(arguments.first ?? "") failed")
    }
}
