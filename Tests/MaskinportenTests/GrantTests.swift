import Foundation
import Testing

@testable import Maskinporten

@Suite struct GrantTests {
    let keys: TestKeys
    let configuration: MaskinportenConfiguration

    init() throws {
        keys = try TestKeys.get()
        configuration = MaskinportenConfiguration(
            issuer: try #require(URL(string: "https://test.maskinporten.no/")),
            clientID: "00000000-aaaa-bbbb-cccc-1234",
            scopes: ["altinn:serviceowner/instances.read", "altinn:serviceowner/instances.write"])
    }

    enum Form: String, CaseIterable, Sendable {
        case pkcs8, pkcs1, encrypted, jwk, jwkBase64, modernP12, legacyP12
    }

    func source(_ form: Form) -> KeySource {
        switch form {
        case .pkcs8: .pem(file: keys.path("key.pem"), kid: "kid-pem")
        case .pkcs1: .pem(file: keys.path("key-pkcs1.pem"), kid: "kid-pem")
        case .encrypted: .pem(file: keys.path("key-encrypted.pem"), kid: "kid-pem", password: "pem-secret")
        case .jwk: .jwk(file: keys.path("key.jwk"))
        case .jwkBase64: .jwk(file: keys.path("key.jwk.b64"))
        case .modernP12: .pkcs12(file: keys.path("modern.p12"), password: "p12-secret")
        case .legacyP12: .pkcs12(file: keys.path("legacy.p12"), password: "p12-secret")
        }
    }

    /// The public key an independent tool derived for `form`'s key.
    func publicKeyPEM(_ form: Form) throws -> String {
        switch form {
        case .modernP12, .legacyP12: try keys.text("leaf-pub.pem")
        default: try keys.text("pub.pem")
        }
    }

    @Test(arguments: Form.allCases)
    func grantIsWellFormedAndVerifies(form: Form) throws {
        let identity = try SigningIdentity.load(source(form))
        let now = Date()
        let grant = try MaskinportenGrant(
            configuration: configuration, identification: identity.identification, now: now
        )
        .signed(with: identity.key)
        let jws = try CompactJWS(grant.compact)

        // The signature verifies with the public key from the openssl CLI, and not with another key.
        try jws.verify(with: try RSAPublicKey(pem: publicKeyPEM(form)))
        let stranger = try RSAPrivateKey.generate().publicKey()
        #expect(throws: JWTError.invalidSignature) { try jws.verify(with: stranger) }

        // Header: alg and exactly one of kid / x5c (an array, leaf first, standard base64 DER).
        let header = try #require(try JSONSerialization.jsonObject(with: jws.headerJSON) as? [String: Any])
        #expect(header["alg"] as? String == "RS256")
        switch form {
        case .modernP12, .legacyP12:
            #expect(Set(header.keys) == ["alg", "x5c"])
            let x5c = try #require(header["x5c"] as? [String])
            #expect(Data(base64Encoded: try #require(x5c.first)) == (try keys.data("leaf.der")))
            if form == .modernP12 {
                let caDER = try keys.data("ca.der")
                #expect(x5c.count == 2 && Data(base64Encoded: x5c[1]) == caDER)
            }
            try jws.verify(with: try Certificate(der: try keys.data("leaf.der")))
        case .jwk, .jwkBase64:
            #expect(Set(header.keys) == ["alg", "kid"])
            #expect(header["kid"] as? String == "test-kid-jwk")
        default:
            #expect(Set(header.keys) == ["alg", "kid"])
            #expect(header["kid"] as? String == "kid-pem")
        }

        // Claims: exactly the documented set, with the issuer's trailing slash and a short lifetime.
        let claims = try #require(try JSONSerialization.jsonObject(with: jws.payload) as? [String: Any])
        #expect(Set(claims.keys) == ["aud", "iss", "scope", "iat", "exp", "jti"])
        #expect(claims["aud"] as? String == "https://test.maskinporten.no/")
        #expect(claims["iss"] as? String == "00000000-aaaa-bbbb-cccc-1234")
        #expect(claims["scope"] as? String == "altinn:serviceowner/instances.read altinn:serviceowner/instances.write")
        let iat = try #require(claims["iat"] as? Int)
        let exp = try #require(claims["exp"] as? Int)
        #expect(iat == Int(now.timeIntervalSince1970))
        #expect(exp > iat && exp - iat <= 120)
        #expect(UUID(uuidString: try #require(claims["jti"] as? String)) != nil)
    }

    @Test func everyGrantHasAFreshJTI() throws {
        let identity = try SigningIdentity.load(source(.pkcs8))
        let now = Date()
        let first = try MaskinportenGrant(
            configuration: configuration, identification: identity.identification, now: now
        )
        .signed(with: identity.key)
        let second = try MaskinportenGrant(
            configuration: configuration, identification: identity.identification, now: now
        )
        .signed(with: identity.key)
        let firstClaims = try CompactJWS(first.compact).claims(as: MaskinportenGrantClaims.self)
        let secondClaims = try CompactJWS(second.compact).claims(as: MaskinportenGrantClaims.self)
        #expect(firstClaims.jti != secondClaims.jti)
        #expect(first.compact != second.compact)
    }

    @Test func optionalClaimsAppearOnlyWhenConfigured() throws {
        var configured = configuration
        configured.resources = ["https://platform.tt02.altinn.no/"]
        configured.consumerOrg = "991825827"
        let identity = try SigningIdentity.load(source(.pkcs8))
        let grant = try MaskinportenGrant(
            configuration: configured, identification: identity.identification, now: Date()
        )
        .signed(with: identity.key)
        let claims = try #require(
            try JSONSerialization.jsonObject(with: try CompactJWS(grant.compact).payload) as? [String: Any])
        #expect(Set(claims.keys) == ["aud", "iss", "scope", "iat", "exp", "jti", "resource", "consumer_org"])
        #expect(claims["resource"] as? [String] == ["https://platform.tt02.altinn.no/"])
        #expect(claims["consumer_org"] as? String == "991825827")
    }

    /// The openssl CLI, knowing nothing of our code, accepts the signature over `header.payload`.
    @Test(arguments: [Form.pkcs1, Form.jwk, Form.legacyP12])
    func opensslCLIVerifiesTheSignature(form: Form) throws {
        let identity = try SigningIdentity.load(source(form))
        let grant = try MaskinportenGrant(
            configuration: configuration, identification: identity.identification, now: Date()
        )
        .signed(with: identity.key)
        let parts = grant.compact.split(separator: ".")
        let directory = try TestKeys.temporaryDirectory()
        try Data("\(parts[0]).\(parts[1])".utf8).write(to: directory.appendingPathComponent("input.txt"))
        try #require(Base64URLForTests.decode(parts[2])).write(to: directory.appendingPathComponent("sig.bin"))
        try Data(publicKeyPEM(form).utf8).write(to: directory.appendingPathComponent("pub.pem"))
        let output = try OpenSSLTool.run(
            ["dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig.bin", "input.txt"], in: directory)
        #expect(output.contains("Verified OK"))

        // And rejects it when one byte of the signed input changes.
        try Data("\(parts[0]).\(parts[1])x".utf8).write(to: directory.appendingPathComponent("input.txt"))
        #expect(throws: OpenSSLTool.Failure.self) {
            try OpenSSLTool.run(
                ["dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig.bin", "input.txt"], in: directory)
        }
    }

    @Test(arguments: JWSAlgorithm.allCases)
    func otherAlgorithmsSignAndVerify(algorithm: JWSAlgorithm) throws {
        var configured = configuration
        configured.algorithm = algorithm
        let key = try RSAPrivateKey.generate()
        let grant = try MaskinportenGrant(configuration: configured, identification: .keyID("k"), now: Date())
            .signed(with: key)
        let jws = try CompactJWS(grant.compact)
        #expect(try jws.header().alg == algorithm)
        try jws.verify(with: try key.publicKey())
    }

    @Test func verificationRefusesNoneAndGarbage() throws {
        let key = try RSAPrivateKey.generate().publicKey()
        let none =
            "\(Base64URLForTests.encode(Data(#"{"alg":"none"}"#.utf8))).\(Base64URLForTests.encode(Data("{}".utf8)))."
        #expect(throws: JWTError.unsupportedAlgorithm("none")) { try CompactJWS(none).verify(with: key) }
        #expect(throws: JWTError.self) { try CompactJWS("a.b") }
        #expect(throws: JWTError.self) { try CompactJWS("a+.b.c") }
    }

    @Test func unverifiedExpiryReadsExp() throws {
        #expect(
            CompactJWS.unverifiedExpiry(of: try unsignedJWT(["exp": 1_900_000_000]))
                == Date(timeIntervalSince1970: 1_900_000_000))
        #expect(CompactJWS.unverifiedExpiry(of: try unsignedJWT(["iat": 1])) == nil)
        #expect(CompactJWS.unverifiedExpiry(of: "opaque-token") == nil)
    }
}
