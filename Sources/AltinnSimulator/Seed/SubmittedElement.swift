extension InstanceFactory {
    /// Adds the data element `element` asks for to `stored` at `time`: an attachment as seeded (of the
    /// given size, produced as it is sent), or one of the seed's special elements. A receipt without size
    /// is not an element; ``complete(_:at:specials:duplicated:rng:)`` handles it.
    func addSubmitted(
        _ element: SubmissionElement, to stored: inout StoredInstance, at time: Ticks, rng: inout SplitMix64
    ) {
        let special: SpecialElement
        switch element.kind {
        case .attachment:
            // Text is held in memory; a large attachment is one of the binary kinds, produced as it is sent.
            let names = SeedContent.attachmentNames.filter {
                (element.size ?? 0) <= SeedContent.largestText || $0.contentType != "text/plain"
            }
            let pick = names[Int.random(in: 0..<names.count, using: &rng)]
            let content: DataContent
            if let size = element.size {
                content = SeedContent.attachment(contentType: pick.contentType, size: size, rng: &rng)
            } else if compactAttachments {
                let size = Int64.random(in: 200...20_000, using: &rng)
                content = SeedContent.attachment(contentType: pick.contentType, size: size, rng: &rng)
            } else {
                content = .bytes(SeedContent.attachment(contentType: pick.contentType, rng: &rng))
            }
            addElement(
                to: &stored.document, contents: &stored.contents, content: content, dataType: "vedlegg",
                filename: pick.name, contentType: pick.contentType, scan: .clean, at: time,
                by: stored.document.createdBy ?? stored.partyID, rng: &rng)
            return
        case .empty: special = .zeroByte
        case .pathTraversal: special = .pathTraversal
        case .infected: special = .infected
        case .pendingScan: special = .pendingScan
        case .hardDeleted: special = .hardDeleted
        case .receiptWithoutSize: return
        }
        addSpecial(special, to: &stored, at: time, rng: &rng)
    }
}
