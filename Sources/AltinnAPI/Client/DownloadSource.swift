/// Which Altinn API instance documents and data come from.
public enum DownloadSource: String, Sendable, Hashable, CaseIterable {
    /// Storage (`<platform>/storage/api/v1/instances/...`): the stored bytes, exactly. The default, for
    /// archival fidelity.
    case storage
    /// The app API (`<apps>/{org}/{app}/instances/...`): form data re-serialised by the app, and the app's
    /// own access rules (app-specific scopes).
    case app
}
