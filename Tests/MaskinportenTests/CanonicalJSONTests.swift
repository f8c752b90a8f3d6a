import Foundation
import Maskinporten
import Testing

@Suite struct CanonicalJSONTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let jti = UUID(uuidString: "6F9619FF-8B86-D011-B42D-00C04FC964FF") ?? UUID()

    func configuration(resources: [String]? = nil, consumerOrg: String? = nil) throws -> MaskinportenConfiguration {
        MaskinportenConfiguration(
            issuer: try #require(URL(string: MaskinportenConfiguration.testIssuer)), clientID: "client-1",
            scopes: ["altinn:serviceowner/instances.read", "altinn:serviceowner/instances.write"],
            resources: resources, consumerOrg: consumerOrg)
    }

    @Test func grantWithKeyID() throws {
        let grant = MaskinportenGrant(
            configuration: try configuration(), identification: .keyID("my-kid"), now: now, jti: jti)
        #expect(
            String(decoding: try CanonicalJSON.encode(grant.header), as: UTF8.self)
                == #"{"alg":"RS256","kid":"my-kid"}"#)
        #expect(
            String(decoding: try CanonicalJSON.encode(grant.claims), as: UTF8.self)
                == #"{"aud":"https://test.maskinporten.no/","exp":1800000060,"iat":1800000000,"iss":"client-1","#
                + #""jti":"6f9619ff-8b86-d011-b42d-00c04fc964ff","#
                + #""scope":"altinn:serviceowner/instances.read altinn:serviceowner/instances.write"}"#)
    }

    @Test func grantWithResourceAndConsumerOrg() throws {
        let grant = MaskinportenGrant(
            configuration: try configuration(resources: ["https://api.example.no/"], consumerOrg: "999888777"),
            identification: .keyID("k"), now: now, jti: jti)
        #expect(
            String(decoding: try CanonicalJSON.encode(grant.claims), as: UTF8.self)
                == #"{"aud":"https://test.maskinporten.no/","consumer_org":"999888777","exp":1800000060,"#
                + #""iat":1800000000,"iss":"client-1","jti":"6f9619ff-8b86-d011-b42d-00c04fc964ff","#
                + #""resource":["https://api.example.no/"],"#
                + #""scope":"altinn:serviceowner/instances.read altinn:serviceowner/instances.write"}"#)
    }

    @Test func certificateHeaderIsAnArrayWithUnescapedSlashes() throws {
        let header = JWTHeader(alg: .rs512, x5c: ["a/b+c=", "REVG"])
        #expect(
            String(decoding: try CanonicalJSON.encode(header), as: UTF8.self)
                == #"{"alg":"RS512","x5c":["a/b+c=","REVG"]}"#)
    }

    @Test func issuerGetsItsTrailingSlashAndLifetimeIsCapped() throws {
        var configuration = MaskinportenConfiguration(
            issuer: try #require(URL(string: "http://127.0.0.1:8080/maskinporten")), clientID: "c", scopes: ["s"],
            grantLifetime: 600)
        #expect(configuration.issuer.absoluteString == "http://127.0.0.1:8080/maskinporten/")
        #expect(configuration.tokenEndpoint.absoluteString == "http://127.0.0.1:8080/maskinporten/token")
        #expect(configuration.grantLifetime == 120)
        configuration.grantLifetime = 0
        #expect(configuration.grantLifetime == 1)
    }
}
