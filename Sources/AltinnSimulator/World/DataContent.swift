internal import CurlHTTP

/// The bytes of one data element: held in memory, or produced on demand by a deterministic generator so
/// that a gigabyte element costs no memory.
enum DataContent: Sendable {
    /// Bytes held in memory.
    case bytes([UInt8])
    /// `size` bytes: `header` (a file type's magic number, or nothing), then ``GeneratedBytes`` for `seed`.
    case generated(size: Int64, seed: UInt64, header: [UInt8] = [])

    /// The byte count.
    var size: Int64 {
        switch self {
        case .bytes(let bytes): Int64(bytes.count)
        case .generated(let size, _, _): size
        }
    }

    /// The SHA-256 of the bytes, as lowercase hex; streams the generator for generated content.
    func sha256() -> String {
        switch self {
        case .bytes(let bytes):
            return SHA256Digest.hex(of: bytes)
        case .generated:
            let digest = SHA256Digest()
            let chunks = chunks()
            while let chunk = chunks.next() {
                chunk.withUnsafeBytes { digest.update($0) }
            }
            return digest.finalizeHex()
        }
    }

    /// The bytes in order, `chunkSize` at a time, from `offset`.
    func chunks(from offset: Int64 = 0) -> AnyIterator<[UInt8]> {
        var position = offset
        let size = self.size
        switch self {
        case .bytes(let bytes):
            return AnyIterator {
                guard position < size else { return nil }
                let end = min(size, position + Self.chunkSize)
                defer { position = end }
                return Array(bytes[Int(position)..<Int(end)])
            }
        case .generated(_, let seed, let header):
            let headerSize = min(size, Int64(header.count))
            return AnyIterator {
                guard position < size else { return nil }
                if position < headerSize {
                    defer { position = headerSize }
                    return Array(header[Int(position)..<Int(headerSize)])
                }
                let count = Int(min(Self.chunkSize, size - position))
                defer { position += Int64(count) }
                return GeneratedBytes.chunk(seed: seed, offset: position - headerSize, count: count)
            }
        }
    }

    /// How many bytes one write carries.
    static let chunkSize: Int64 = 64 * 1024
}

/// A deterministic byte stream: byte `i` depends only on the seed and `i`, so any range can be produced
/// without the bytes before it.
enum GeneratedBytes {
    /// `count` bytes starting at `offset`.
    static func chunk(seed: UInt64, offset: Int64, count: Int) -> [UInt8] {
        var result = [UInt8]()
        result.reserveCapacity(count)
        var position = UInt64(offset)
        let end = position + UInt64(count)
        while position < end {
            // One SplitMix64 output per 8-byte word, keyed by the word's index.
            var generator = SplitMix64(seed: seed ^ (position / 8 &* 0xD6E8_FEB8_6659_FD93))
            let word = generator.next()
            var byteIndex = position % 8
            while byteIndex < 8, position < end {
                result.append(UInt8(truncatingIfNeeded: word >> (byteIndex * 8)))
                byteIndex += 1
                position += 1
            }
        }
        return result
    }
}
