import Foundation
internal import Hummingbird
internal import NIOCore

/// The body bytes with the body fault applied.
struct BodyStream {
    let body: SimResponse.Body
    let fault: FaultKind?
    let channel: any Channel

    /// How long a lying-length response waits between the announced body and the bytes beyond it: long
    /// enough for a client to finish the response and send its next request on the same connection, so
    /// that the extra bytes arrive where it expects that request's status line.
    static let lyingLengthPause: Duration = .milliseconds(150)

    func write(to writer: inout any ResponseBodyWriter, sent: inout Int64) async throws {
        let total = body.count
        let chunks: AnyIterator<[UInt8]>
        switch body {
        case .empty: chunks = AnyIterator { nil }
        case .bytes(let bytes): chunks = DataContent.bytes(bytes).chunks()
        case .content(let content): chunks = content.chunks()
        case .stream(_, let make): chunks = make()
        }
        let cutoff: Int64? =
            switch fault {
            case .connectionReset, .truncatedBody: total / 2
            default: nil
            }
        var pauseAt: Int64?
        if case .lyingLength(let shortBy) = fault, shortBy > 0 { pauseAt = max(0, total - Int64(shortBy)) }
        while let chunk = chunks.next() {
            var piece = chunk[...]
            if let cutoff {
                let room = Int(max(0, cutoff - sent))
                piece = piece.prefix(room)
            }
            if let boundary = pauseAt, sent + Int64(piece.count) > boundary {
                let announced = piece.prefix(Int(boundary - sent))
                if !announced.isEmpty { try await writer.write(ByteBuffer(bytes: announced)) }
                sent += Int64(announced.count)
                piece = piece.dropFirst(announced.count)
                try await Task.sleep(for: Self.lyingLengthPause)
                pauseAt = nil
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
