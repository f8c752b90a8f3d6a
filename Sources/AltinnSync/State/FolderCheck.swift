#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension FileManager {
    /// Whether something is at `path` and, if so, whether it is a folder (following symbolic links).
    func folderStatus(atPath path: String) -> (exists: Bool, isFolder: Bool) {
        #if canImport(FoundationEssentials)
            var isFolder = false
            let exists = fileExists(atPath: path, isDirectory: &isFolder)
            return (exists, isFolder)
        #else
            var isFolder: ObjCBool = false
            let exists = fileExists(atPath: path, isDirectory: &isFolder)
            return (exists, isFolder.boolValue)
        #endif
    }
}
