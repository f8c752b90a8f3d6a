import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The endpoints of ``TransportTestServer``.
enum TransportRoutes {
    typealias Context = ChannelRequestContext

    static let methodHeader = HTTPField.Name("X-Method") ?? .contentType

    static func add(to router: Router<Context>, log: TransportTestLog) {
        router.get("/status/:code") { _, context in
            let code = try context.parameters.require("code", as: Int.self)
            return text("status \(code)", status: code)
        }
        router.get("/bytes/:count") { request, context in
            let count = try context.parameters.require("count", as: Int.self)
            let seed = request.uri.queryParameters.get("seed", as: Int.self) ?? 0
            return Response(status: .ok, body: patternBody(count: count, seed: seed, announceLength: true))
        }
        router.get("/chunked/:count") { request, context in
            let count = try context.parameters.require("count", as: Int.self)
            let seed = request.uri.queryParameters.get("seed", as: Int.self) ?? 0
            return Response(status: .ok, body: patternBody(count: count, seed: seed, announceLength: false))
        }
        router.get("/slow") { request, _ in
            let first = request.uri.queryParameters.get("first", as: Int.self) ?? 0
            let interval = request.uri.queryParameters.get("interval_ms", as: Int.self) ?? 1000
            let count = request.uri.queryParameters.get("count", as: Int.self) ?? (first + 10)
            let body = ResponseBody(contentLength: count) { writer in
                try await writer.write(ByteBuffer(bytes: TransportTestServer.pattern(offset: 0, count: first, seed: 0)))
                for offset in first..<count {
                    try await Task.sleep(for: .milliseconds(interval))
                    try await writer.write(ByteBuffer(bytes: [TransportTestServer.patternByte(offset, seed: 0)]))
                }
                try await writer.finish(nil)
            }
            return Response(status: .ok, body: body)
        }
        router.get("/delay/:ms") { _, context in
            let milliseconds = try context.parameters.require("ms", as: Int.self)
            try await Task.sleep(for: .milliseconds(milliseconds))
            return text("ok")
        }
        router.get("/held/:ms") { _, context in
            let milliseconds = try context.parameters.require("ms", as: Int.self)
            log.holdStarted()
            defer { log.holdEnded() }
            try await Task.sleep(for: .milliseconds(milliseconds))
            return text("ok")
        }
        router.get("/truncate/:count") { _, context in
            let count = try context.parameters.require("count", as: Int.self)
            let channel = context.channel
            let body = ResponseBody(contentLength: count) { writer in
                try await writer.write(
                    ByteBuffer(bytes: TransportTestServer.pattern(offset: 0, count: count / 2, seed: 0)))
                try await channel.close()
                throw CancellationError()
            }
            return Response(status: .ok, body: body)
        }
        router.get("/reset/:count") { _, context in
            let count = try context.parameters.require("count", as: Int.self)
            let channel = context.channel
            let body = ResponseBody(contentLength: count) { writer in
                try await writer.write(
                    ByteBuffer(bytes: TransportTestServer.pattern(offset: 0, count: count / 2, seed: 0)))
                if let provider = channel as? any SocketOptionProvider {
                    // SO_LINGER with a zero timeout turns close() into a TCP reset.
                    try await provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
                }
                try await channel.close()
                throw CancellationError()
            }
            return Response(status: .ok, body: body)
        }
        router.get("/flaky/:key") { request, context in
            let key = try context.parameters.require("key")
            let failures = request.uri.queryParameters.get("failures", as: Int.self) ?? 1
            let status = request.uri.queryParameters.get("status", as: Int.self) ?? 503
            let hit = log.nextHit("flaky/\(key)")
            guard hit > failures else {
                var headers = HTTPFields()
                if let retryAfter = request.uri.queryParameters.get("retry_after") {
                    headers[.retryAfter] = String(retryAfter)
                }
                return text("failure \(hit)", status: status, headers: headers)
            }
            return text("recovered after \(hit - 1)")
        }
        let redirect: @Sendable (Request, Context) async throws -> Response = { request, _ in
            // `to=self` redirects to this very URL, for redirect loops.
            let requested = request.uri.queryParameters.get("to").map { String($0) } ?? "/"
            let target = requested == "self" ? request.uri.description : requested
            let status = request.uri.queryParameters.get("status", as: Int.self) ?? 302
            return text("redirect", status: status, headers: [.location: target])
        }
        router.get("/redirect", use: redirect)
        router.post("/redirect", use: redirect)
        let headers: @Sendable (Request, Context) async throws -> Response = { request, _ in
            var fields: [String: String] = [:]
            for field in request.headers {
                let name = field.name.canonicalName
                fields[name] = fields[name].map { "\($0), \(field.value)" } ?? field.value
            }
            let data = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        }
        router.get("/headers", use: headers)
        router.post("/headers", use: headers)
        router.post("/echo") { request, _ in
            let body = try await request.body.collect(upTo: 64 * 1024 * 1024)
            return Response(
                status: .ok, headers: [methodHeader: request.method.rawValue],
                body: ResponseBody(byteBuffer: body))
        }
        router.get("/connection") { _, context in
            text(context.channel.remoteAddress.map { "\($0)" } ?? "unknown")
        }
        router.on("/scripted/:name", method: .get) { request, context in
            try await scripted(request, context, log)
        }
        router.on("/scripted/:name", method: .post) { request, context in
            try await scripted(request, context, log)
        }
    }

    private static func scripted(
        _ request: Request, _ context: Context, _ log: TransportTestLog
    ) async throws
        -> Response
    {
        let name = try context.parameters.require("name")
        let body = try await request.body.collect(upTo: 1024 * 1024)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let recorded = TransportTestServer.RecordedRequest(
            method: request.method.rawValue, headers: headers, body: Data(buffer: body))
        let response = log.scripted(name, recorded)
        var fields = HTTPFields()
        for (name, value) in response.headers {
            if let fieldName = HTTPField.Name(name) { fields[fieldName] = value }
        }
        return text(response.body, status: response.status, headers: fields)
    }

    private static func text(_ body: String, status: Int = 200, headers: HTTPFields = [:]) -> Response {
        Response(
            status: HTTPResponse.Status(code: status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    private static func patternBody(count: Int, seed: Int, announceLength: Bool) -> ResponseBody {
        ResponseBody(contentLength: announceLength ? count : nil) { writer in
            // One period of the pattern, written again and again (the last write cut short).
            let period = ByteBuffer(bytes: TransportTestServer.pattern(offset: 0, count: 65521, seed: seed))
            var offset = 0
            while offset < count {
                let length = min(period.readableBytes, count - offset)
                try await writer.write(period.getSlice(at: 0, length: length) ?? period)
                offset += length
            }
            try await writer.finish(nil)
        }
    }
}
