public import AltinnAPI

extension DataElement {
    /// Whether the `size` Altinn declares must equal the bytes downloaded from `source`.
    ///
    /// Storage sets `size` (a `long`) to the length of the blob it stored, so a declared size is binding,
    /// 0 included: an element declared empty but served with bytes is not what Altinn stored. It does not bind
    /// when nothing is declared, for content Storage generates on request (`blobStoragePath` under
    /// `ondemand/`, which has no stored blob), and for form data from the app API, which re-serialises the
    /// stored model (an element without a file name is form data; binary elements are streamed as stored).
    public func declaredSizeBinds(downloadingFrom source: DownloadSource) -> Bool {
        guard size != nil else { return false }
        if blobStoragePath?.hasPrefix("ondemand/") == true { return false }
        if source == .app && filename == nil { return false }
        return true
    }
}
