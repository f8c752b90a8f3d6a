internal import AltinnAPI

/// Unusual data elements, or states of elements, that the seed places on a few completed instances.
enum SpecialElement: Hashable, Sendable {
    /// An attachment named `../../etc/passwd`.
    case pathTraversal
    /// An attachment of zero bytes.
    case zeroByte
    /// A generated element of this many bytes.
    case large(Int64)
    /// An attachment whose scan found malware.
    case infected
    /// An attachment whose scan has not finished (`fileScanResult` `Pending`).
    case pendingScan
    /// An attachment that is hard-deleted (`deleteStatus`), which Storage still serves to the owner.
    case hardDeleted
    /// No extra element: the receipt's `size` is left out of the document, as on some of Altinn's elements.
    case sizeAbsent
}

extension InstanceFactory {
    /// Adds the attachment of `special` to `stored` at `time`; nothing for a special that is not an element.
    func addSpecial(_ special: SpecialElement, to stored: inout StoredInstance, at time: Ticks, rng: inout SplitMix64) {
        let changer = stored.document.createdBy ?? stored.partyID
        let content: DataContent
        let filename: String
        let contentType: String
        var scan = FileScanResult.clean
        switch special {
        case .pathTraversal:
            (content, filename, contentType) = (
                .bytes(Array("root:x:0:0:root:/root:/bin/sh\n".utf8)), "../../etc/passwd", "text/plain"
            )
        case .zeroByte:
            (content, filename, contentType) = (.bytes([]), "tomt vedlegg.txt", "text/plain")
        case .large(let size):
            (content, filename, contentType) = (
                .generated(size: size, seed: rng.next()), "stor-fil.bin", "application/octet-stream"
            )
        case .infected:
            (content, filename, contentType) = (
                .bytes(Array("X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR".utf8)), "faktura.pdf.exe", "application/octet-stream"
            )
            scan = .infected
        case .pendingScan:
            (content, filename, contentType) = (
                .bytes(SeedContent.attachment(contentType: "application/pdf", rng: &rng)), "Faktura (til skanning).pdf",
                "application/pdf"
            )
            scan = .pending
        case .hardDeleted:
            (content, filename, contentType) = (
                .bytes(SeedContent.attachment(contentType: "application/pdf", rng: &rng)), "Slettet vedlegg.pdf",
                "application/pdf"
            )
        case .sizeAbsent:
            return
        }
        let id = addElement(
            to: &stored.document, contents: &stored.contents, content: content, dataType: "vedlegg",
            filename: filename, contentType: contentType, scan: scan, at: time, by: changer, rng: &rng)
        if special == .hardDeleted, let index = stored.document.data.firstIndex(where: { $0.id == id }) {
            let deleted = time.adding(seconds: 1)
            stored.document.data[index].deleteStatus = DeleteStatus(isHardDeleted: true, hardDeleted: deleted.timestamp)
            stored.document.data[index].lastChanged = deleted.timestamp
        }
    }
}
