internal import COpenSSL

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// An OpenSSL memory BIO, owned by one object and freed in `deinit`.
///
/// Not `Sendable`: it is created, used and dropped within one function.
final class MemoryBIO {
    let pointer: OpaquePointer
    /// Keeps the bytes a read-only BIO points into alive for the BIO's lifetime.
    private let storage: UnsafeMutableRawBufferPointer?

    /// An empty BIO to write into.
    init() throws(OpenSSLError) {
        pointer = try OpenSSLCall.pointer("allocate a memory buffer") { BIO_new(BIO_s_mem()) }
        storage = nil
    }

    /// A read-only BIO over a copy of `data`.
    init(_ data: Data) throws(OpenSSLError) {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, data.count), alignment: 1)
        copy.copyBytes(from: data)
        do {
            pointer = try OpenSSLCall.pointer("allocate a memory buffer") {
                BIO_new_mem_buf(copy.baseAddress, Int32(data.count))
            }
        } catch {
            copy.deallocate()
            throw error
        }
        storage = copy
    }

    deinit {
        BIO_free(pointer)
        if let storage {
            // The copy may have held secret bytes (a private key file); wipe it before release.
            storage.initializeMemory(as: UInt8.self, repeating: 0)
            storage.deallocate()
        }
    }

    /// Everything written so far.
    func contents() -> Data {
        var base: UnsafeMutablePointer<CChar>?
        let length = copenssl_bio_get_mem_data(pointer, &base)
        guard let base, length > 0 else { return Data() }
        return Data(bytes: base, count: length)
    }

    /// Everything written so far, as UTF-8 text.
    func text() -> String {
        String(decoding: contents(), as: UTF8.self)
    }
}
