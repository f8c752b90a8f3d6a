import Foundation
import Testing

@testable import Maskinporten

@Suite struct KeyExportTests {
    @Test(arguments: [2048, 3072])
    func generatedKeyExportsAsOpenSSLReadsIt(bits: Int) throws {
        let key = try RSAPrivateKey.generate(bits: bits)
        #expect(key.bitCount == bits)
        let directory = try TestKeys.temporaryDirectory()
        let pkcs8 = try key.pkcs8PEM()
        #expect(pkcs8.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        try Data(pkcs8.utf8).write(to: directory.appendingPathComponent("key.pem"))
        chmod(directory.appendingPathComponent("key.pem").path, 0o600)
        // openssl checks the key and derives the same public key we export.
        let check = try OpenSSLTool.run(["pkey", "-in", "key.pem", "-check", "-noout"], in: directory)
        #expect(check.contains("valid"))
        let publicPEM = try OpenSSLTool.run(["pkey", "-in", "key.pem", "-pubout"], in: directory)
        #expect(try key.publicKey().pem() == publicPEM)
        // The exported file loads back as a PEM key.
        let identity = try SigningIdentity.load(.pem(file: directory.appendingPathComponent("key.pem").path, kid: "k"))
        #expect(try identity.key.publicKey().der() == (try key.publicKey().der()))
    }

    @Test func publicJWKMatchesOpenSSLNumbers() throws {
        let keys = try TestKeys.get()
        let privateJWK = try JSONDecoder().decode(JSONWebKey.self, from: keys.data("key.jwk"))
        let publicKey = try RSAPublicKey(pem: keys.text("pub.pem"))
        let jwk = try publicKey.jwk(kid: "k1")
        #expect(jwk.n == privateJWK.n)
        #expect(jwk.e == "AQAB")
        #expect(jwk.d == nil && !jwk.isPrivate)
        #expect(jwk.kid == "k1" && jwk.use == "sig" && jwk.alg == "RS256")
        let json = String(decoding: try jwk.jsonData(), as: UTF8.self)
        #expect(json.hasPrefix(#"{"alg":"RS256","e":"AQAB","kid":"k1","kty":"RSA","n":""#))
        #expect(json.hasSuffix(#"","use":"sig"}"#))
        // The JWK rebuilds the same key.
        #expect(try RSAPublicKey(jwk: jwk).der() == (try publicKey.der()))
    }

    @Test func signatureFromPublicJWKRoundTrip() throws {
        let key = try RSAPrivateKey.generate()
        let publicKey = try RSAPublicKey(jwk: try key.publicKey().jwk(kid: "x"))
        let message = Data("message".utf8)
        let signature = try key.sign(message)
        #expect(publicKey.verify(signature, over: message, algorithm: .rs256))
        #expect(!publicKey.verify(signature, over: Data("massage".utf8), algorithm: .rs256))
        #expect(!publicKey.verify(signature, over: message, algorithm: .rs512))
    }

    @Test func concurrentSigningWithOneKey() async throws {
        let key = try RSAPrivateKey.generate()
        let publicKey = try key.publicKey()
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<32 {
                group.addTask {
                    let message = Data("message \(index)".utf8)
                    return publicKey.verify(try key.sign(message), over: message, algorithm: .rs256)
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 32 && results.allSatisfy { $0 })
    }
}
