internal import COpenSSL

/// An `EVP_PKEY*` in flight between the OpenSSL call that produced it and the object that keeps it.
///
/// Non-copyable, so exactly one owner frees it: either this value's `deinit` (when loading fails part-way)
/// or the key object that ``release()`` hands it to.
struct OwnedKey: ~Copyable {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        EVP_PKEY_free(pointer)
    }

    /// Gives up ownership: the caller must free the pointer.
    consuming func release() -> OpaquePointer {
        let pointer = self.pointer
        discard self
        return pointer
    }

    /// The key's OpenSSL type id, e.g. `EVP_PKEY_RSA`.
    var typeID: Int32 { EVP_PKEY_get_base_id(pointer) }

    /// The key's type as a service owner would name it.
    var typeName: String {
        switch typeID {
        case EVP_PKEY_RSA: "RSA"
        case EVP_PKEY_RSA_PSS: "RSA-PSS"
        case EVP_PKEY_EC: "EC"
        case EVP_PKEY_ED25519: "Ed25519"
        case EVP_PKEY_ED448: "Ed448"
        case EVP_PKEY_DSA: "DSA"
        default:
            if let name = OBJ_nid2sn(typeID) { String(cString: name) } else { "unknown" }
        }
    }

    /// The key size in bits.
    var bits: Int { Int(EVP_PKEY_get_bits(pointer)) }
}
