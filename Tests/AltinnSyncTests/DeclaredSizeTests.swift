import AltinnAPI
import AltinnSync
import Testing

/// When Altinn's declared `size` must equal the bytes downloaded (README, The archive).
@Suite struct DeclaredSizeTests {
    static let cases: [(size: Int64?, filename: String?, blob: String?, source: DownloadSource, binds: Bool)] = [
        (1993, nil, "ttd/app/guid/data/id", .storage, true),
        (10326, "Skjema.pdf", nil, .storage, true),
        (10326, "Skjema.pdf", nil, .app, true),
        (1993, nil, nil, .app, false),  // form data, re-serialised by the app
        (0, "vedlegg.pdf", nil, .storage, false),  // 0: never measured, or empty
        (nil, "vedlegg.pdf", nil, .storage, false),
        (4096, "kvittering.pdf", "ondemand/formatted", .storage, false),  // generated on request
    ]

    @Test(arguments: cases.indices)
    func theDeclaredSizeBindsOnlyForStoredBytesOfAMeasuredSize(_ index: Int) {
        let row = Self.cases[index]
        let element = DataElement(
            id: "da7a0000-0000-4000-8000-000000000001", filename: row.filename, blobStoragePath: row.blob,
            size: row.size)
        #expect(element.declaredSizeBinds(downloadingFrom: row.source) == row.binds)
    }
}
