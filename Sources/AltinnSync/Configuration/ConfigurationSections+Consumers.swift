import AltinnAPI
import Foundation

/// The sections about the archive's consumers: modes, the `onArchived` hook, and where a first run starts.
extension ConfigurationLoader {
    /// `archiveModes`: `{"folders": "0750", "files": "0640", "group": "altinn-readers"}`, each optional.
    static func readArchiveModes(_ root: inout JSONObjectReader) throws(ConfigurationError) -> ArchiveModes {
        var modes = ArchiveModes()
        guard var object = try root.object("archiveModes") else { return modes }
        for (key, keyPath) in [("folders", \ArchiveModes.folders), ("files", \ArchiveModes.files)] {
            guard let text = try object.string(key) else { continue }
            guard text.count >= 3, text.count <= 4, let mode = UInt32(text, radix: 8), mode <= 0o777 else {
                throw object.invalid(key, "expected an octal mode such as \"0750\", got \"\(text)\"")
            }
            let owner: UInt32 = key == "folders" ? 0o700 : 0o600
            guard mode & owner == owner else {
                throw object.invalid(
                    key,
                    "\"\(text)\" would lock altinn-sync itself out; the owner needs at least \(String(owner, radix: 8))"
                )
            }
            modes[keyPath: keyPath] = mode
        }
        if let name = try object.string("group") {
            guard let group = getgrnam(name) else {
                throw object.invalid(
                    "group", "no group named \"\(name)\" exists on this host; create it (groupadd) or fix the name")
            }
            modes.group = group.pointee.gr_gid
        }
        try object.rejectUnknownKeys()
        return modes
    }

    /// `hooks`: `{"onArchived": ["/usr/local/bin/notify", "--queue", "intake"], "timeout": "5m"}`.
    static func readHooks(_ root: inout JSONObjectReader, base: String) throws(ConfigurationError) -> HookSettings? {
        guard var object = try root.object("hooks") else { return nil }
        guard let command = try object.stringArray("onArchived"), let program = command.first, !program.isEmpty else {
            throw object.missing(
                "onArchived",
                hint: "the command as a list, program first, e.g. [\"/usr/local/bin/notify\", \"--queue\", \"intake\"]")
        }
        let timeout = try object.duration("timeout", in: .seconds(1)...Duration.seconds(86400)) ?? .seconds(300)
        try object.rejectUnknownKeys()
        // A program named with a slash is a path (relative to the configuration's folder); a bare name is looked
        // up in PATH when the hook runs.
        let resolved = program.contains("/") ? absolutePath(program, base: base) : program
        return HookSettings(command: [resolved] + command.dropFirst(), timeout: timeout)
    }

    /// `startAt`: `"beginning"` (the default), `"now"` or a timestamp.
    static func readStartAt(_ root: inout JSONObjectReader) throws(ConfigurationError) -> StartPoint {
        guard let text = try root.string("startAt") else { return .beginning }
        do {
            return try StartPoint(text)
        } catch {
            throw root.invalid("startAt", "\(error)")
        }
    }
}
