import AltinnAPI
import CurlHTTP
import Foundation
import Testing

@testable import AltinnSimulator

@Suite("The app API re-serialises form data; Storage serves the stored bytes")
struct AppFormDataTests {
    /// A completed instance and its form data element (`model`).
    static func form(_ harness: SimulatorHarness) throws -> (TruthInstance, TruthDataElement) {
        let instance = try #require(harness.simulator.truth().instances.first { $0.completed })
        return (instance, try #require(instance.dataElements.first { $0.dataType == "model" }))
    }

    static func appPath(_ instance: TruthInstance, _ element: TruthDataElement) -> String {
        "/apps/ttd/\(instance.app)/instances/\(instance.instanceID)/data/\(element.id)"
    }

    @Test("by default the app answers JSON of the model, with other bytes than Storage's")
    func jsonByDefault() async throws {
        try await withSimulator { harness in
            let token = try harness.token()
            let (instance, element) = try Self.form(harness)
            #expect(element.filename == nil && element.contentType == "application/xml")
            let storage = try await harness.get(
                "/storage/api/v1/instances/\(instance.instanceID)/data/\(element.id)", token: token)
            #expect(storage.headers["Content-Type"] == "application/xml")
            #expect(SHA256Digest.hex(of: storage.body) == element.sha256, "Storage serves the stored bytes")

            let app = try await harness.get(Self.appPath(instance, element), token: token)
            #expect(app.status == 200)
            #expect(app.headers["Content-Type"] == "application/json; charset=utf-8")
            #expect(app.headers["Content-Disposition"] == nil)
            #expect(SHA256Digest.hex(of: app.body) != element.sha256)
            #expect(Int64(app.body.count) != element.size)
            let model = try #require(try JSONSerialization.jsonObject(with: app.body) as? [String: Any])
            #expect(Set(model.keys) == ["Innsender", "Beskrivelse", "Beloep"])
            #expect((model["Beskrivelse"] as? String)?.contains(instance.guid) == true)
            #expect(model["Beloep"] is Int)
            #expect(app.text.contains("\\u00E6\\u00F8\\u00E5"), "System.Text.Json escapes non-ASCII: \(app.text)")
            #expect(app.text.hasPrefix("{\"Innsender\":{\"Navn\":"))

            // The ledger counts what the server wrote; the truth keeps describing the stored bytes.
            let download = try #require(try await FaultTests.settledDownloads(harness, count: 2).last)
            #expect(download.route == "app")
            #expect(download.bytesExpected == Int64(app.body.count))
            #expect(download.bytesSent == Int64(app.body.count))
            #expect(harness.simulator.truth().instance(instance.guid)?.dataElements.first == element)
        }
    }

    @Test("with Accept: application/xml the app answers XmlSerializer's XML, which is not the stored XML")
    func xmlWhenAsked() async throws {
        try await withSimulator { harness in
            let token = try harness.token()
            let (instance, element) = try Self.form(harness)
            let storage = try await harness.get(
                "/storage/api/v1/instances/\(instance.instanceID)/data/\(element.id)", token: token)
            #expect(storage.text.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Skjema "))

            let app = try await harness.get(
                Self.appPath(instance, element), token: token, headers: [("Accept", "application/xml")])
            #expect(app.status == 200)
            #expect(app.headers["Content-Type"] == "application/xml; charset=utf-8")
            #expect(app.text.hasPrefix("<Skjema xmlns:xsi="), "no XML declaration: \(app.text)")
            #expect(!app.text.contains("\n"), "no indentation")
            #expect(app.text.contains("<Beskrivelse>Søknad \(instance.guid) – æøå ÆØÅ</Beskrivelse>"))
            #expect(app.body != storage.body)
            #expect(app.body.count != storage.body.count)
            #expect(SHA256Digest.hex(of: app.body) != element.sha256)
            // The same values as the stored document, once whitespace and the declaration are gone.
            let flattened = storage.text.replacingOccurrences(
                of: "<?xml version=\"1.0\" encoding=\"utf-8\"?>", with: ""
            )
            .replacingOccurrences(of: #">\s+<"#, with: "><", options: .regularExpression)
            .trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(app.text == flattened)
        }
    }

    @Test("binary elements stay byte-identical on the app API, with their Content-Disposition")
    func binaryUnchanged() async throws {
        try await withSimulator { harness in
            let token = try harness.token()
            let instance = try #require(harness.simulator.truth().instances.first { $0.completed })
            for element in instance.dataElements where element.dataType != "model" {
                let storage = try await harness.get(
                    "/storage/api/v1/instances/\(instance.instanceID)/data/\(element.id)", token: token)
                let app = try await harness.get(
                    Self.appPath(instance, element), token: token, headers: [("Accept", "application/xml")])
                #expect(app.body == storage.body)
                #expect(SHA256Digest.hex(of: app.body) == element.sha256)
                #expect(app.headers["Content-Type"] == element.contentType)
                #expect(app.headers["Content-Disposition"] == storage.headers["Content-Disposition"])
            }
        }
    }

    @Test(
        "content negotiation picks XmlSerializer only when XML is asked for and */* is absent",
        arguments: [
            (nil, ModelFormat.json),
            ("application/json", .json),
            ("*/*", .json),
            ("application/xml", .xml(mediaType: "application/xml")),
            ("text/xml", .xml(mediaType: "text/xml")),
            ("application/xml, */*", .json),
            ("application/json;q=0.5, application/xml", .xml(mediaType: "application/xml")),
            ("application/xml;q=0.4, application/json;q=0.9", .json),
            ("text/plain", .json),
        ] as [(String?, ModelFormat)])
    func negotiation(accept: String?, format: ModelFormat) {
        #expect(ModelFormat(accept: accept) == format)
    }

    @Test("System.Text.Json's default encoder escapes non-ASCII and HTML-sensitive characters")
    func jsonEscaping() {
        #expect(JSONEscaping.systemTextJSON("Åse Ødegård") == #""\u00C5se \u00D8deg\u00E5rd""#)
        #expect(JSONEscaping.systemTextJSON("a<b>&'\"+`\\") == #""a\u003Cb\u003E\u0026\u0027\u0022\u002B\u0060\\""#)
        #expect(JSONEscaping.systemTextJSON("–\n") == #""\u2013\n""#)
    }
}
