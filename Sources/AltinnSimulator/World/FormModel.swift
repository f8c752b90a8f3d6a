/// The data model behind a form data element (`dataType` `model`): the values, and the three ways Altinn
/// writes them.
///
/// Storage serves the bytes the app stored (``storedXML``). An app's data route deserialises those bytes into
/// its model class and lets ASP.NET content negotiation write the object again: System.Text.Json by default
/// (``json``), `XmlSerializer` for `Accept: application/xml` (``serializedXML``). Neither is byte-identical to
/// the stored XML, so sizes and digests differ from Storage's.
struct FormModel: Sendable, Hashable {
    /// `Innsender/Navn`.
    let owner: String
    /// `Innsender/Referanse`.
    let reference: String
    /// `Beskrivelse`.
    let description: String
    /// `Beloep`.
    let amount: Int

    /// The XML as the app stored it in Storage: an XML declaration, two-space indentation, a final newline.
    var storedXML: [UInt8] {
        let text = """
            <?xml version="1.0" encoding="utf-8"?>
            <Skjema \(Self.namespaces)>
              <Innsender>
                <Navn>\(Self.xmlEscaped(owner))</Navn>
                <Referanse>\(Self.xmlEscaped(reference))</Referanse>
              </Innsender>
              <Beskrivelse>\(Self.xmlEscaped(description))</Beskrivelse>
              <Beloep>\(amount)</Beloep>
            </Skjema>

            """
        return Array(text.utf8)
    }

    /// The XML as ASP.NET's `XmlSerializerOutputFormatter` writes the model: no XML declaration
    /// (`OmitXmlDeclaration`), no indentation, UTF-8 without a byte order mark.
    var serializedXML: [UInt8] {
        let text =
            "<Skjema \(Self.namespaces)><Innsender><Navn>\(Self.xmlEscaped(owner))</Navn>"
            + "<Referanse>\(Self.xmlEscaped(reference))</Referanse></Innsender>"
            + "<Beskrivelse>\(Self.xmlEscaped(description))</Beskrivelse><Beloep>\(amount)</Beloep></Skjema>"
        return Array(text.utf8)
    }

    /// The JSON as System.Text.Json writes the model in an app: members in declaration order under their
    /// `[JsonPropertyName]` (the XML names, as Altinn Studio generates models), compact, and with the default
    /// encoder, which escapes every non-ASCII and HTML-sensitive character as `\uXXXX`.
    var json: [UInt8] {
        let text =
            "{\"Innsender\":{\"Navn\":\(JSONEscaping.systemTextJSON(owner)),"
            + "\"Referanse\":\(JSONEscaping.systemTextJSON(reference))},"
            + "\"Beskrivelse\":\(JSONEscaping.systemTextJSON(description)),\"Beloep\":\(amount)}"
        return Array(text.utf8)
    }

    /// The namespace declarations `XmlSerializer` puts on the root element.
    private static let namespaces =
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""

    /// `text` as element content, as `XmlWriter` escapes it.
    private static func xmlEscaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: result.append(character)
            }
        }
        return result
    }
}
