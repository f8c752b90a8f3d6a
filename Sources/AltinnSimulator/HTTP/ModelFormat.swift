import Foundation

/// The serialiser ASP.NET's content negotiation picks for an object an app returns (`Ok(model)`), with the
/// app's formatters: System.Text.Json first, then `XmlSerializer` (`AddXmlSerializerFormatters`).
enum ModelFormat: Sendable, Equatable {
    /// System.Text.Json, `application/json; charset=utf-8`.
    case json
    /// `XmlSerializer`, with the XML media type the request asked for.
    case xml(mediaType: String)

    /// MVC's choice for the `Accept` header `accept`.
    ///
    /// No header, or `*/*` anywhere in it (MVC ignores browser-style headers), means the first formatter:
    /// JSON. Otherwise the media types are tried by quality, highest first: a JSON type (`application/json`,
    /// `text/json`, `application/*+json`, or a wildcard, which JSON matches first) picks JSON, an XML type
    /// (`application/xml`, `text/xml`, `application/*+xml`) picks XML. When nothing matches MVC still answers
    /// with the first formatter (it does not send 406), so JSON.
    init(accept: String?) {
        guard let accept, !accept.contains("*/*") else {
            self = .json
            return
        }
        let ranges = accept.split(separator: ",").enumerated().compactMap { index, item -> (String, Double, Int)? in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let type = parts.first?.lowercased(), !type.isEmpty else { return nil }
            let quality = parts.dropFirst().compactMap { parameter -> Double? in
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                return pair.count == 2 && pair[0].lowercased() == "q" ? Double(pair[1]) : nil
            }.first
            return (type, quality ?? 1, index)
        }
        let ordered = ranges.filter { $0.1 > 0 }.sorted { ($0.1, -$0.2) > ($1.1, -$1.2) }
        for (type, _, _) in ordered {
            if ["application/json", "text/json"].contains(type) || type.hasSuffix("+json") || type.hasSuffix("/*") {
                self = .json
                return
            }
            if ["application/xml", "text/xml"].contains(type) || type.hasSuffix("+xml") {
                self = .xml(mediaType: type)
                return
            }
        }
        self = .json
    }

    /// The `Content-Type` of the response.
    var contentType: String {
        switch self {
        case .json: "application/json; charset=utf-8"
        case .xml(let mediaType): "\(mediaType); charset=utf-8"
        }
    }

    /// `model` written in this format.
    func body(of model: FormModel) -> [UInt8] {
        switch self {
        case .json: model.json
        case .xml: model.serializedXML
        }
    }
}
