internal import COpenSSL

/// An incremental SHA-256 computation over OpenSSL's EVP interface.
///
/// Not `Sendable`: one owner feeds it and reads the result.
public final class SHA256Digest {
    private let context: OpaquePointer

    /// Starts an empty digest.
    public init() {
        CurlRuntime.ensureInitialized()
        guard let context = EVP_MD_CTX_new() else {
            preconditionFailure("OpenSSL could not allocate a digest context (out of memory)")
        }
        self.context = context
        reset()
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    /// Forgets everything fed so far.
    public func reset() {
        let ok = EVP_DigestInit_ex(context, EVP_sha256(), nil)
        precondition(ok == 1, "OpenSSL could not initialise SHA-256")
    }

    /// Feeds bytes.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        let ok = EVP_DigestUpdate(context, base, bytes.count)
        precondition(ok == 1, "OpenSSL SHA-256 update failed")
    }

    /// Feeds the bytes of a collection.
    public func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let array = Array(bytes)
        array.withUnsafeBytes { update($0) }
    }

    /// The digest of everything fed, as lowercase hex. The digest can be fed again only after ``reset()``.
    public func finalizeHex() -> String {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = EVP_DigestFinal_ex(context, &output, &length)
        precondition(ok == 1, "OpenSSL SHA-256 finalisation failed")
        return output.prefix(Int(length)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The SHA-256 of `bytes`, as lowercase hex.
    public static func hex<Bytes: Sequence>(of bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digest = SHA256Digest()
        digest.update(bytes)
        return digest.finalizeHex()
    }
}
