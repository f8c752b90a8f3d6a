import CurlHTTP
import Foundation
import TestSupport
import Testing

@Suite struct TransferTests {
    @Test func readsABodyAndHeadersIntoMemory() async throws {
        try await withServer { server in
            let client = makeClient()
            let response = try await client.send(HTTPRequest(url: server.url("/bytes/1000?seed=7")))
            #expect(response.status == 200)
            #expect(response.body == Data(TransportTestServer.pattern(offset: 0, count: 1000, seed: 7)))
            #expect(response.headers["content-length"] == "1000")
        }
    }

    @Test(arguments: [400, 401, 403, 404, 409])
    func throwsClientErrorsWithStatusAndBodyWithoutRetrying(status: Int) async throws {
        try await withServer { server in
            let error = try await #require(throws: HTTPError.self) {
                try await makeClient().send(HTTPRequest(url: server.url("/status/\(status)")))
            }
            #expect(error.code == .status)
            #expect(error.status == status)
            #expect(String(decoding: error.body, as: UTF8.self) == "status \(status)")
            #expect(error.attempts == 1)
            #expect(!error.isTransient)
        }
    }

    @Test func sendsPostBodiesAndEmptyPosts() async throws {
        try await withServer { server in
            let client = makeClient()
            let payload = Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
            let echoed = try await client.send(HTTPRequest(method: .post, url: server.url("/echo"), body: payload))
            #expect(echoed.body == payload)
            #expect(echoed.headers["X-Method"] == "POST")
            let empty = try await client.send(HTTPRequest(method: .post, url: server.url("/echo")))
            #expect(empty.body.isEmpty)
        }
    }

    @Test func sendsTheCallersHeaders() async throws {
        try await withServer { server in
            var request = HTTPRequest(url: server.url("/headers"))
            request.headers.add(name: "Authorization", value: "Bearer abc")
            request.headers.add(name: "Accept", value: "application/json")
            let response = try await makeClient().send(request)
            let echoed = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: String])
            #expect(echoed["authorization"] == "Bearer abc")
            #expect(echoed["accept"] == "application/json")
            #expect(echoed["user-agent"] == "altinn-sync")
            #expect(echoed["expect"] == nil)
        }
    }

    @Test func failsCleanlyWhenAMemoryBodyExceedsItsBound() async throws {
        try await withServer { server in
            let error = try await #require(throws: HTTPError.self) {
                try await makeClient().send(HTTPRequest(url: server.url("/bytes/100000")), bodyLimit: 4096)
            }
            #expect(error.code == .bodyTooLarge)
            #expect(error.attempts == 1, "an oversized body is not retried")
            let chunked = try await #require(throws: HTTPError.self) {
                try await makeClient().send(HTTPRequest(url: server.url("/chunked/100000")), bodyLimit: 4096)
            }
            #expect(chunked.code == .bodyTooLarge)
        }
    }

    @Test func refusesPlainHTTPToAnotherHostWithoutSendingAnything() async throws {
        let error = try await #require(throws: HTTPError.self) {
            try await makeClient().send(HTTPRequest(url: URL(string: "http://platform.altinn.no/x")!))
        }
        #expect(error.code == .insecureURL)
    }

    @Test func reportsAConnectionRefusedAsATransientConnectFailure() async throws {
        // A socket bound but not listening refuses connections, and keeps any other test from taking the port.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        try #require(bound)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let client = makeClient(retry: .never)
        let error = try await #require(throws: HTTPError.self) {
            try await client.send(HTTPRequest(url: URL(string: "http://127.0.0.1:\(port)/x")!))
        }
        #expect(error.code == .connectFailed)
        #expect(error.isTransient)
    }
}

@Suite struct DownloadTests {
    @Test func streamsALargeBodyToAFileByteExactWithFlatMemory() async throws {
        try await withServer { server in
            let directory = try makeTemporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let count = 512 * 1024 * 1024
            let path = directory.appendingPathComponent("large.bin").path
            let residentBefore = residentBytes()
            let download = try await makeClient().download(
                HTTPRequest(url: server.url("/bytes/\(count)?seed=3")), to: path)
            let residentAfter = residentBytes()
            #expect(download.byteCount == Int64(count))
            #expect(download.sha256 == patternSHA256(count: count, seed: 3))
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.size] as? NSNumber)?.intValue == count)
            // Buffering the body would add 512 MiB; streaming keeps the growth to buffers.
            #expect(
                residentAfter - residentBefore < 64 * 1024 * 1024,
                "resident memory grew by \(residentAfter - residentBefore)")
        }
    }

    @Test func verifiesTheFileContentsOfAChunkedDownload() async throws {
        try await withServer { server in
            let directory = try makeTemporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let path = directory.appendingPathComponent("chunked.bin").path
            let download = try await makeClient().download(
                HTTPRequest(url: server.url("/chunked/300001?seed=9")), to: path)
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(data == Data(TransportTestServer.pattern(offset: 0, count: 300_001, seed: 9)))
            #expect(download.sha256 == SHA256Digest.hex(of: data))
        }
    }

    @Test(arguments: ["/reset/2000000", "/truncate/2000000"])
    func aBrokenConnectionIsAnErrorAndLeavesNoFile(path: String) async throws {
        try await withServer { server in
            let directory = try makeTemporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("broken.bin").path
            let error = try await #require(throws: HTTPError.self) {
                try await makeClient(retry: .never).download(HTTPRequest(url: server.url(path)), to: file)
            }
            #expect(error.code == .connectionLost)
            #expect(error.isTransient)
            #expect(!FileManager.default.fileExists(atPath: file))
        }
    }

    @Test func anErrorPageNeverReachesTheFile() async throws {
        try await withServer { server in
            let directory = try makeTemporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("missing.bin").path
            let error = try await #require(throws: HTTPError.self) {
                try await makeClient().download(HTTPRequest(url: server.url("/status/404")), to: file)
            }
            #expect(error.status == 404)
            #expect(String(decoding: error.body, as: UTF8.self) == "status 404")
            #expect(!FileManager.default.fileExists(atPath: file))
        }
    }

    @Test func aRetriedDownloadHoldsOnlyTheFinalBody() async throws {
        try await withServer { server in
            let directory = try makeTemporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("retried.bin").path
            let download = try await makeClient().download(
                HTTPRequest(url: server.url("/flaky/download?failures=2&status=500")), to: file)
            #expect(try String(contentsOfFile: file, encoding: .utf8) == "recovered after 2")
            #expect(download.byteCount == 17)
        }
    }

    @Test func refusesToWriteThroughASymbolicLink() async throws {
        try await withServer { server in
            let directory = try makeTemporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let target = directory.appendingPathComponent("target").path
            let link = directory.appendingPathComponent("link").path
            try Data("keep".utf8).write(to: URL(fileURLWithPath: target))
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
            let error = try await #require(throws: HTTPError.self) {
                try await makeClient().download(HTTPRequest(url: server.url("/bytes/10")), to: link)
            }
            #expect(error.code == .fileSystem)
            #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep")
        }
    }
}
