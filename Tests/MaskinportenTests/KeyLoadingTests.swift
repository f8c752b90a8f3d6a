import Foundation
import Testing

@testable import Maskinporten

@Suite struct KeyLoadingTests {
    let keys: TestKeys

    init() throws {
        keys = try TestKeys.get()
    }

    /// Loading `source` fails with `code`, and the message contains each of `phrases`.
    func expectFailure(
        _ source: KeySource, _ code: KeyLoadError.Code, mentioning phrases: [String] = [], now: Date = Date(),
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do {
            let identity = try SigningIdentity.load(source, now: now)
            Issue.record("expected \(code), loaded \(identity.key)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            for phrase in phrases {
                #expect(
                    error.description.localizedCaseInsensitiveContains(phrase), "\(error)",
                    sourceLocation: sourceLocation)
            }
        }
    }

    @Test(arguments: ["key.pem", "key-pkcs1.pem"])
    func pemKeysLoadWithTheirKeyID(file: String) throws {
        let identity = try SigningIdentity.load(.pem(file: keys.path(file), kid: "my-kid"))
        guard case .keyID(let kid) = identity.identification else {
            Issue.record("expected a kid identity")
            return
        }
        #expect(kid == "my-kid")
        #expect(identity.key.bitCount == 2048)
        #expect(identity.warnings.isEmpty)
        #expect(try identity.key.publicKey().pem() == keys.text("pub.pem"))
    }

    @Test func encryptedPKCS8NeedsTheRightPassword() throws {
        let file = keys.path("key-encrypted.pem")
        let identity = try SigningIdentity.load(.pem(file: file, kid: "k", password: "pem-secret"))
        #expect(try identity.key.publicKey().pem() == keys.text("pub.pem"))
        expectFailure(.pem(file: file, kid: "k", password: "wrong"), .wrongPassword)
        expectFailure(.pem(file: file, kid: "k"), .missingPassword, mentioning: ["encrypted"])
    }

    @Test func jwkLoadsAsJSONAndAsBase64() throws {
        for file in ["key.jwk", "key.jwk.b64"] {
            let identity = try SigningIdentity.load(.jwk(file: keys.path(file)))
            guard case .keyID(let kid) = identity.identification else {
                Issue.record("expected a kid identity")
                continue
            }
            #expect(kid == "test-kid-jwk")
            #expect(try identity.key.publicKey().pem() == keys.text("pub.pem"))
        }
        let overridden = try SigningIdentity.load(.jwk(file: keys.path("key.jwk"), kid: "configured"))
        guard case .keyID(let kid) = overridden.identification else {
            Issue.record("expected a kid identity")
            return
        }
        #expect(kid == "configured")
    }

    @Test(arguments: ["modern.p12", "legacy.p12"])
    func pkcs12LoadsKeyAndCertificate(file: String) throws {
        let identity = try SigningIdentity.load(.pkcs12(file: keys.path(file), password: "p12-secret"))
        let certificate = try #require(identity.certificate)
        #expect(certificate.der == (try keys.data("leaf.der")))
        #expect(certificate.subject.contains("CN=Test Org AS"))
        #expect(certificate.issuer.contains("CN=Test CA"))
        #expect(!certificate.serialNumber.isEmpty)
        #expect(certificate.notAfter > Date().addingTimeInterval(390 * 86400))
        #expect(try identity.key.publicKey().pem() == keys.text("leaf-pub.pem"))
        #expect(identity.warnings.isEmpty)
    }

    @Test func pkcs12ChainIsLeafFirst() throws {
        let identity = try SigningIdentity.load(.pkcs12(file: keys.path("modern.p12"), password: "p12-secret"))
        guard case .certificateChain(let chain) = identity.identification else {
            Issue.record("expected a certificate identity")
            return
        }
        #expect(chain.map(\.der) == [try keys.data("leaf.der"), try keys.data("ca.der")])
    }

    @Test func wrongPKCS12Password() {
        expectFailure(
            .pkcs12(file: keys.path("modern.p12"), password: "nope"), .wrongPassword, mentioning: ["password"])
        expectFailure(.pkcs12(file: keys.path("legacy.p12"), password: ""), .wrongPassword)
    }

    @Test func certificateGivenAsPrivateKey() {
        expectFailure(.pem(file: keys.path("leaf.pem"), kid: "k"), .notAPrivateKey, mentioning: ["certificate"])
    }

    @Test func publicKeyGivenAsPrivateKey() {
        expectFailure(.pem(file: keys.path("pub.pem"), kid: "k"), .notAPrivateKey, mentioning: ["public key"])
    }

    @Test func ecKeyIsRejected() {
        expectFailure(.pem(file: keys.path("ec.pem"), kid: "k"), .unsupportedKeyType, mentioning: ["EC", "RSA"])
    }

    @Test func smallKeyIsRejected() {
        expectFailure(.pem(file: keys.path("small.pem"), kid: "k"), .keyTooSmall, mentioning: ["1024", "2048"])
    }

    @Test func missingFileNamesTheSystemReason() {
        expectFailure(
            .pem(file: keys.path("absent.pem"), kid: "k"), .unreadableFile,
            mentioning: ["absent.pem", "No such file or directory"])
    }

    @Test func garbageFile() throws {
        let directory = try TestKeys.temporaryDirectory()
        let file = directory.appendingPathComponent("garbage.pem")
        try Data("this is not a key\n".utf8).write(to: file)
        chmod(file.path, 0o600)
        expectFailure(.pem(file: file.path, kid: "k"), .malformed)
        expectFailure(.jwk(file: file.path), .malformed)
        expectFailure(.pkcs12(file: file.path, password: "x"), .malformed)
    }

    @Test func wrongTypeIsNamed() {
        expectFailure(.pem(file: keys.path("modern.p12"), kid: "k"), .notAPrivateKey, mentioning: ["pkcs12"])
        expectFailure(.pkcs12(file: keys.path("key.pem"), password: "x"), .malformed, mentioning: ["pem"])
    }

    @Test func jwkWithoutPrivateExponent() throws {
        let directory = try TestKeys.temporaryDirectory()
        var object = try #require(try JSONSerialization.jsonObject(with: keys.data("key.jwk")) as? [String: String])
        object["d"] = nil
        let publicFile = directory.appendingPathComponent("public.jwk")
        try JSONSerialization.data(withJSONObject: object).write(to: publicFile)
        chmod(publicFile.path, 0o600)
        expectFailure(.jwk(file: publicFile.path), .notAPrivateKey, mentioning: ["\"d\""])

        object = try #require(try JSONSerialization.jsonObject(with: keys.data("key.jwk")) as? [String: String])
        object["dq"] = nil
        let partialFile = directory.appendingPathComponent("partial.jwk")
        try JSONSerialization.data(withJSONObject: object).write(to: partialFile)
        chmod(partialFile.path, 0o600)
        expectFailure(.jwk(file: partialFile.path), .incompleteJWK, mentioning: ["dq"])

        object = ["kty": "EC", "crv": "P-256", "x": "AA", "y": "AA", "d": "AA"]
        let ecFile = directory.appendingPathComponent("ec.jwk")
        try JSONSerialization.data(withJSONObject: object).write(to: ecFile)
        chmod(ecFile.path, 0o600)
        expectFailure(.jwk(file: ecFile.path), .unsupportedKeyType, mentioning: ["EC"])
    }

    @Test func jwkWithTamperedPrivateExponentFailsTheSelfTest() throws {
        let directory = try TestKeys.temporaryDirectory()
        var object = try #require(try JSONSerialization.jsonObject(with: keys.data("key.jwk")) as? [String: String])
        // Drop the CRT members and replace d with another key's: the numbers no longer belong together.
        for member in ["p", "q", "dp", "dq", "qi"] { object[member] = nil }
        let other = try RSAPrivateKey.generate()
        let otherJWK = try JSONSerialization.jsonObject(
            with: Data(
                TestKeys.privateJWK(
                    fromOpenSSLText: try OpenSSLTool.run(
                        ["rsa", "-text", "-noout"], input: other.pkcs8PEM(), in: directory), kid: nil)))
        object["d"] = (otherJWK as? [String: String])?["d"]
        let file = directory.appendingPathComponent("tampered.jwk")
        try JSONSerialization.data(withJSONObject: object).write(to: file)
        chmod(file.path, 0o600)
        expectFailure(.jwk(file: file.path), .keyMismatch)
    }

    @Test func jwkWithoutAnyKeyID() throws {
        let directory = try TestKeys.temporaryDirectory()
        var object = try #require(try JSONSerialization.jsonObject(with: keys.data("key.jwk")) as? [String: String])
        object["kid"] = nil
        let file = directory.appendingPathComponent("nokid.jwk")
        try JSONSerialization.data(withJSONObject: object).write(to: file)
        chmod(file.path, 0o600)
        expectFailure(.jwk(file: file.path), .missingKeyID, mentioning: ["kid"])
        #expect(throws: Never.self) { try SigningIdentity.load(.jwk(file: file.path, kid: "given")) }
    }

    @Test func looseFilePermissionsWarn() throws {
        let directory = try TestKeys.temporaryDirectory()
        let file = directory.appendingPathComponent("open.pem")
        try keys.data("key.pem").write(to: file)
        chmod(file.path, 0o644)
        let identity = try SigningIdentity.load(.pem(file: file.path, kid: "k"))
        #expect(identity.warnings.map(\.kind) == [.filePermissions])
        #expect(identity.warnings.first?.message.contains("644") == true)
        chmod(file.path, 0o600)
        #expect(try SigningIdentity.load(.pem(file: file.path, kid: "k")).warnings.isEmpty)
    }

    @Test func certificateExpiringSoonWarns() throws {
        let identity = try SigningIdentity.load(.pkcs12(file: keys.path("short.p12"), password: "p12-secret"))
        #expect(identity.warnings.map(\.kind) == [.certificateExpiresSoon])
        #expect(identity.warnings.first?.message.contains("Short Lived AS") == true)
    }

    @Test func expiredCertificateIsRefused() {
        expectFailure(
            .pkcs12(file: keys.path("short.p12"), password: "p12-secret"), .certificateExpired,
            mentioning: ["Short Lived AS", "expired"], now: Date().addingTimeInterval(3 * 86400))
    }

    @Test func certificateNotYetValidIsRefused() {
        expectFailure(
            .pkcs12(file: keys.path("modern.p12"), password: "p12-secret"), .certificateNotYetValid,
            now: Date().addingTimeInterval(-2 * 86400))
    }

    @Test func pemWithCertificateAndKeyLoadsTheKey() throws {
        let directory = try TestKeys.temporaryDirectory()
        let file = directory.appendingPathComponent("bundle.pem")
        try Data((try keys.text("leaf.pem") + keys.text("leaf-key.pem")).utf8).write(to: file)
        chmod(file.path, 0o600)
        let identity = try SigningIdentity.load(.pem(file: file.path, kid: "k"))
        #expect(try identity.key.publicKey().pem() == keys.text("leaf-pub.pem"))
    }

    @Test func jwkSetWithOneKeyLoads() throws {
        let directory = try TestKeys.temporaryDirectory()
        let jwk = try JSONSerialization.jsonObject(with: keys.data("key.jwk"))
        let single = directory.appendingPathComponent("set.json")
        try JSONSerialization.data(withJSONObject: ["keys": [jwk]]).write(to: single)
        chmod(single.path, 0o600)
        #expect(try SigningIdentity.load(.jwk(file: single.path)).key.publicKey().pem() == keys.text("pub.pem"))
        let double = directory.appendingPathComponent("set2.json")
        try JSONSerialization.data(withJSONObject: ["keys": [jwk, jwk]]).write(to: double)
        chmod(double.path, 0o600)
        expectFailure(.jwk(file: double.path), .malformed, mentioning: ["2 keys"])
    }

    @Test func directoryIsNotAKeyFile() throws {
        let directory = try TestKeys.temporaryDirectory()
        expectFailure(.pem(file: directory.path, kid: "k"), .unreadableFile, mentioning: ["not a regular file"])
    }
}
