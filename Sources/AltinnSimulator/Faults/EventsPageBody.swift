/// An events page written event by event, for the faults that break its body: cut short, or every event
/// bloated with a `"data"` string produced while it is sent.
struct EventsPageBody: Sendable {
    private enum Piece: Sendable {
        case bytes([UInt8])
        case filler(Int)
    }

    private let pieces: [Piece]
    /// The byte count of the whole body.
    let size: Int64

    /// The page `[e1,e2,...]` with `"data":"xxx..."` (`extraBytesPerEvent` letters) appended to every
    /// event; `events` are compact JSON objects.
    init(events: [[UInt8]], extraBytesPerEvent extra: Int) {
        var pieces: [Piece] = [.bytes(Array("[".utf8))]
        var size: Int64 = 2
        for (index, event) in events.enumerated() {
            let open = Array(event.dropLast())  // the event without its closing brace
            let separator = index == 0 ? "" : ","
            let head = Array(separator.utf8) + open + Array(#","data":""#.utf8)
            pieces += [.bytes(head), .filler(max(0, extra)), .bytes(Array(#""}"#.utf8))]
            size += Int64(head.count) + Int64(max(0, extra)) + 2
        }
        pieces.append(.bytes(Array("]".utf8)))
        self.pieces = pieces
        self.size = size
    }

    /// The bytes in order; the filler comes 64 KiB at a time and is never held whole.
    func chunks() -> AnyIterator<[UInt8]> {
        var index = 0
        var fillerLeft: Int?
        let pieces = self.pieces
        return AnyIterator {
            while index < pieces.count {
                switch pieces[index] {
                case .bytes(let bytes):
                    index += 1
                    return bytes
                case .filler(let count):
                    let left = fillerLeft ?? count
                    guard left > 0 else {
                        fillerLeft = nil
                        index += 1
                        continue
                    }
                    let piece = min(left, Int(DataContent.chunkSize))
                    fillerLeft = left - piece
                    return [UInt8](repeating: UInt8(ascii: "x"), count: piece)
                }
            }
            return nil
        }
    }

    /// The page `[e1,e2,...]` cut in the middle of the event that holds the page's middle byte, so it is not
    /// JSON; `[` alone for an empty page.
    static func cut(_ events: [[UInt8]]) -> [UInt8] {
        var body = Array("[".utf8)
        let whole = events.reduce(2) { $0 + $1.count } + max(0, events.count - 1)
        for (index, event) in events.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            if body.count + event.count >= whole / 2 || index == events.count - 1 {
                return body + event.prefix(max(1, event.count / 2))
            }
            body += event
        }
        return body
    }
}
