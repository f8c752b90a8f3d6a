#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Double {
    /// The number in fixed-point notation with `digits` digits after the point, rounded as C's `printf` rounds
    /// (`%.1f` for 1 digit): what `String(format:)` gave, without full Foundation.
    package func decimalText(digits: Int) -> String {
        let format = "%.\(max(0, digits))f"
        let length = withVaList([self]) { vsnprintf(nil, 0, format, $0) }
        guard length > 0 else { return "\(self)" }
        var buffer = [CChar](repeating: 0, count: Int(length) + 1)
        _ = buffer.withUnsafeMutableBufferPointer { text in
            withVaList([self]) { vsnprintf(text.baseAddress, text.count, format, $0) }
        }
        return String(decoding: buffer.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
