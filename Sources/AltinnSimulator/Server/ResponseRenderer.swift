import Foundation
internal import HTTPTypes
internal import Hummingbird
internal import NIOCore

/// Writes a ``SimResponse`` as a Hummingbird response: announces the length, streams the body, counts
/// the bytes of downloads into the ledger, and breaks the body as a fault asks.
struct ResponseRenderer {
    let core: SimulatorCore
    let channel: any Channel

    func render(_ response: SimResponse, fault: FaultKind?) -> Response {
        var fields = HTTPFields()
        for (name, value) in response.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        let length = response.body.count
        var announced = length
        if case .lyingLength(let shortBy) = fault { announced = max(0, length - Int64(shortBy)) }
        if case .empty = response.body, fault == nil, response.download == nil {
            fields[.contentLength] = "0"
            return Response(status: .init(code: response.status), headers: fields, body: ResponseBody())
        }
        let content = response.body
        let core = self.core
        let channel = self.channel
        let download = response.download
        let body = ResponseBody(contentLength: Int(announced)) { writer in
            let stream = BodyStream(body: content, fault: fault, channel: channel)
            var sent: Int64 = 0
            do {
                try await stream.write(to: &writer, sent: &sent)
                try await writer.finish(nil)
                Self.record(download, sent: sent, completed: true, core: core)
            } catch {
                Self.record(download, sent: sent, completed: false, core: core)
                throw error
            }
        }
        return Response(status: .init(code: response.status), headers: fields, body: body)
    }

    private static func record(_ download: LedgerEntry?, sent: Int64, completed: Bool, core: SimulatorCore) {
        guard var entry = download else { return }
        entry.bytesSent = sent
        entry.completed = completed
        core.record(entry)
    }
}
