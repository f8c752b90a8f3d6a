public import AltinnAPI

extension DataElement {
    /// Whether the `size` Altinn declares must equal the bytes downloaded from `source`.
    ///
    /// Storage sets `size` (a `long`) to the length of the blob it stored, so a positive size binds. A size of 0
    /// does not: Storage writes 0 for an element whose stored document has no size (Altinn's own test data has
    /// such elements, and the app API writes 0 for them too), so 0 cannot tell an empty file from a size
    /// never recorded. Nor does a size bind for content Storage generates on request (`blobStoragePath` under
    /// `ondemand/`, which has no stored blob), or for form data from the app API, which re-serialises the
    /// stored model (an element without a file name is form data; binary elements are streamed as stored).
    public func declaredSizeBinds(downloadingFrom source: DownloadSource) -> Bool {
        guard let size, size > 0 else { return false }
        if blobStoragePath?.hasPrefix("ondemand/") == true { return false }
        if source == .app && filename == nil { return false }
        return true
    }
}
