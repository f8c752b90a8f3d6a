import Foundation
internal import HTTPTypes
internal import Hummingbird
internal import NIOCore

/// Writes a ``SimResponse`` as a Hummingbird response: announces the full length, streams the body, counts
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
        if case .empty = response.body, fault == nil, response.download == nil {
            fields[.contentLength] = "0"
            return Response(status: .init(code: response.status), headers: fields, body: ResponseBody())
        }
        let content = response.body
        let core = self.core
        let channel = self.channel
        let download = response.download
        let body = ResponseBody(contentLength: Int(length)) { writer in
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

/// The body bytes with the body fault applied.
struct BodyStream {
    let body: SimResponse.Body
    let fault: FaultKind?
    let channel: any Channel

    func write(to writer: inout any ResponseBodyWriter, sent: inout Int64) async throws {
        let total = body.count
        let chunks: AnyIterator<[UInt8]>
        switch body {
        case .empty: chunks = AnyIterator { nil }
        case .bytes(let bytes): chunks = DataContent.bytes(bytes).chunks()
        case .content(let content): chunks = content.chunks()
        }
        let cutoff: Int64? =
            switch fault {
            case .connectionReset, .truncatedBody: total / 2
            default: nil
            }
        while let chunk = chunks.next() {
            var piece = chunk[...]
            if let cutoff {
                let room = Int(max(0, cutoff - sent))
                piece = piece.prefix(room)
            }
            if case .slowBody(let rate) = fault {
                try await writeSlowly(piece, rate: rate, to: &writer, sent: &sent)
            } else if !piece.isEmpty {
                try await writer.write(ByteBuffer(bytes: piece))
                sent += Int64(piece.count)
            }
            if let cutoff, sent >= cutoff { break }
        }
        switch fault {
        case .connectionReset:
            if let provider = channel as? any SocketOptionProvider {
                // SO_LINGER with a zero timeout turns close() into a TCP reset.
                try await provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
            }
            try await channel.close()
            throw CancellationError()
        case .truncatedBody:
            try await channel.close()
            throw CancellationError()
        default:
            break
        }
    }

    /// Writes `bytes` in tenth-of-a-second slices at `rate` bytes per second.
    private func writeSlowly(
        _ bytes: ArraySlice<UInt8>, rate: Int, to writer: inout any ResponseBodyWriter, sent: inout Int64
    ) async throws {
        let slice = max(1, rate / 10)
        var rest = bytes
        while !rest.isEmpty {
            let piece = rest.prefix(slice)
            try await writer.write(ByteBuffer(bytes: piece))
            sent += Int64(piece.count)
            rest = rest.dropFirst(piece.count)
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
