import Foundation
internal import HTTPTypes
internal import Hummingbird
internal import NIOCore

/// The HTTP face of the simulator: turns Hummingbird requests into ``SimRequest``s, routes them, applies
/// faults and streams the answer.
struct SimulatorResponder: HTTPResponder {
    typealias Context = SimulatorRequestContext

    let core: SimulatorCore

    /// The largest request body read (token forms are small).
    static let maxBody = 1024 * 1024

    func respond(to request: Request, context: Context) async throws -> Response {
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { "\($0), \(field.value)" } ?? field.value
        }
        let body = request.method == .post ? try await request.body.collect(upTo: Self.maxBody) : ByteBuffer()
        let simRequest = SimRequest(
            method: request.method.rawValue, path: request.uri.path, rawQuery: request.uri.query,
            headers: headers, body: Data(buffer: body))
        let route = SimRoute(method: simRequest.method, segments: simRequest.segments)
        let faults = core.drawFaults(for: route, simRequest)
        if faults.latency > .zero { try await Task.sleep(for: faults.latency) }
        var response =
            faults.replacement ?? core.respond(to: simRequest, route: route, expireCredential: faults.expireCredential)
        if let hostile = faults.document, response.status == 200 {
            response = HostileDocument.rewrite(response, as: hostile)
        }
        return ResponseRenderer(core: core, channel: context.channel).render(response, fault: faults.body)
    }
}
