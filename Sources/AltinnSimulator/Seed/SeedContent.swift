/// The content of seeded data elements: a form's model, a PDF receipt, attachments.
enum SeedContent {
    /// Norwegian names for form owners.
    static let names = ["Kari Nordmann", "Ola Nordmann", "Åse Ødegård", "Bjørn Æsøy", "Ærlig Bedrift AS"]

    /// Attachment names with Norwegian letters, dashes, spaces and punctuation.
    static let attachmentNames: [(name: String, contentType: String)] = [
        ("Søknad – vedlegg æøå.pdf", "application/pdf"),
        ("Årsrapport 2024.pdf", "application/pdf"),
        ("bilde av skjøte.png", "image/png"),
        ("Kvittering (kopi) #2.txt", "text/plain"),
        (
            "Ølbryggeri – søknad om skjenkebevilling.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        ),
    ]

    /// The main form's data model for an instance.
    static func form(instanceGUID: String, owner: String, amount: Int, rng: inout SplitMix64) -> FormModel {
        FormModel(
            owner: owner, reference: rng.digits(8), description: "Søknad \(instanceGUID) – æøå ÆØÅ", amount: amount)
    }

    /// A small, valid one-page PDF naming the instance.
    static func receiptPDF(instanceGUID: String) -> [UInt8] {
        let stream = "BT /F1 12 Tf 72 770 Td (Kvittering \(instanceGUID)) Tj ET"
        var body = "%PDF-1.4\n"
        var offsets: [Int] = []
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                + "/Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        for (index, object) in objects.enumerated() {
            offsets.append(body.utf8.count)
            body += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = body.utf8.count
        body += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            let digits = String(offset)
            body += String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n"
        }
        body += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(body.utf8)
    }

    /// Random bytes behind a plausible magic number for `contentType`.
    static func attachment(contentType: String, rng: inout SplitMix64) -> [UInt8] {
        let count = Int.random(in: 200...20_000, using: &rng)
        var bytes: [UInt8]
        switch contentType {
        case "application/pdf": bytes = Array("%PDF-1.7\n".utf8)
        case "image/png": bytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        case "text/plain": return Array(String(repeating: "Vedlegg æøå. ", count: count / 14 + 1).utf8)
        default: bytes = [0x50, 0x4B, 0x03, 0x04]
        }
        bytes.reserveCapacity(count)
        while bytes.count < count { bytes.append(UInt8.random(in: 0...255, using: &rng)) }
        return bytes
    }
}
