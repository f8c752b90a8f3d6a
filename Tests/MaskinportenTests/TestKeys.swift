import Foundation
import Maskinporten

/// Key material made with the `openssl` CLI in a temporary folder, once per test process.
///
/// Nothing here is committed: every key is generated when the tests run.
struct TestKeys: Sendable {
    let directory: URL

    /// The shared set; generating RSA keys takes a moment, so all tests reuse one.
    static let shared: Result<TestKeys, any Error> = Result { try TestKeys.generate() }

    static func get() throws -> TestKeys { try shared.get() }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func data(_ name: String) throws -> Data { try Data(contentsOf: directory.appendingPathComponent(name)) }

    func text(_ name: String) throws -> String { String(decoding: try data(name), as: UTF8.self) }

    /// The folder all test files go under; removed when the test process exits.
    static let root: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "maskinporten-tests-\(UUID().uuidString)")
        atexit { try? FileManager.default.removeItem(at: TestKeys.root) }
        return url
    }()

    /// A fresh temporary folder (mode 0700: it will hold private keys).
    static func temporaryDirectory() throws -> URL {
        let url = root.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(
            at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return url
    }

    private static func generate() throws -> TestKeys {
        let directory = try temporaryDirectory()
        func openssl(_ arguments: String...) throws { try OpenSSLTool.run(arguments, in: directory) }
        // PEM keys: PKCS#8, PKCS#1, encrypted PKCS#8, and the public key.
        try openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "key.pem")
        try openssl("rsa", "-in", "key.pem", "-traditional", "-out", "key-pkcs1.pem")
        try openssl("pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem")
        try openssl(
            "pkcs8", "-topk8", "-in", "key.pem", "-v2", "aes-256-cbc", "-passout", "pass:pem-secret", "-out",
            "key-encrypted.pem")
        // A business certificate with its chain: a CA, and a leaf it signed.
        try openssl(
            "req", "-x509", "-newkey", "rsa:2048", "-noenc", "-keyout", "ca-key.pem", "-out", "ca.pem", "-subj",
            "/CN=Test CA/O=Test Trust AS/C=NO", "-days", "400")
        try openssl(
            "req", "-new", "-newkey", "rsa:2048", "-noenc", "-keyout", "leaf-key.pem", "-out", "leaf.csr", "-subj",
            "/CN=Test Org AS/O=Test Org AS/C=NO/serialNumber=991825827")
        try openssl(
            "x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial", "-days",
            "400", "-out", "leaf.pem")
        try openssl("x509", "-in", "leaf.pem", "-outform", "DER", "-out", "leaf.der")
        try openssl("x509", "-in", "ca.pem", "-outform", "DER", "-out", "ca.der")
        try openssl("x509", "-in", "leaf.pem", "-pubkey", "-noout", "-out", "leaf-pub.pem")
        try openssl(
            "pkcs12", "-export", "-inkey", "leaf-key.pem", "-in", "leaf.pem", "-certfile", "ca.pem", "-passout",
            "pass:p12-secret", "-out", "modern.p12")
        try openssl(
            "pkcs12", "-export", "-legacy", "-inkey", "leaf-key.pem", "-in", "leaf.pem", "-passout",
            "pass:p12-secret", "-out", "legacy.p12")
        // A self-signed certificate valid one day, for expiry warnings and errors.
        try openssl(
            "req", "-x509", "-newkey", "rsa:2048", "-noenc", "-keyout", "short-key.pem", "-out", "short.pem",
            "-subj", "/CN=Short Lived AS", "-days", "1")
        try openssl(
            "pkcs12", "-export", "-inkey", "short-key.pem", "-in", "short.pem", "-passout", "pass:p12-secret",
            "-out", "short.p12")
        // Wrong kinds of keys.
        try openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.pem")
        try openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", "small.pem")
        // A private JWK made from openssl's own dump of key.pem's numbers.
        let dump = try OpenSSLTool.run(["rsa", "-in", "key.pem", "-text", "-noout"], in: directory)
        let jwk = try privateJWK(fromOpenSSLText: dump, kid: "test-kid-jwk")
        try jwk.write(to: directory.appendingPathComponent("key.jwk"))
        try Data(jwk.base64EncodedString().utf8).write(to: directory.appendingPathComponent("key.jwk.b64"))
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            chmod(directory.appendingPathComponent(file).path, 0o600)
        }
        return TestKeys(directory: directory)
    }

    /// Builds a private JWK from `openssl rsa -text` output (hex fields `modulus:`, `prime1:`, ...).
    static func privateJWK(fromOpenSSLText text: String, kid: String?) throws -> Data {
        var fields: [String: [UInt8]] = [:]
        var name: String?
        var exponent: UInt64?
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("publicExponent:") {
                // "publicExponent: 65537 (0x10001)"
                exponent = trimmed.split(separator: " ").dropFirst().first.flatMap { UInt64($0) }
                name = nil
            } else if line.first?.isLetter == true, trimmed.hasSuffix(":") {
                name = String(trimmed.dropLast())
                fields[name ?? ""] = []
            } else if let current = name {
                let bytes = trimmed.split(separator: ":").compactMap { UInt8($0, radix: 16) }
                fields[current, default: []] += bytes
            }
        }
        func member(_ key: String) throws -> String {
            guard var bytes = fields[key], !bytes.isEmpty else { throw TestKeyError.missingField(key) }
            while bytes.first == 0, bytes.count > 1 { bytes.removeFirst() }
            return Base64URL.encode(Data(bytes))
        }
        guard var e = exponent else { throw TestKeyError.missingField("publicExponent") }
        var eBytes: [UInt8] = []
        while e > 0 {
            eBytes.insert(UInt8(e & 0xff), at: 0)
            e >>= 8
        }
        var object: [String: String] = [
            "kty": "RSA", "n": try member("modulus"), "e": Base64URL.encode(Data(eBytes)),
            "d": try member("privateExponent"), "p": try member("prime1"), "q": try member("prime2"),
            "dp": try member("exponent1"), "dq": try member("exponent2"), "qi": try member("coefficient"),
        ]
        object["kid"] = kid
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    enum TestKeyError: Error {
        case missingField(String)
    }
}
