import AltinnAPI
import Foundation
import Testing

@testable import AltinnSync

/// The configuration of what the archive's consumers get: modes, the hook, and where a first run starts.
@Suite struct ConsumerConfigurationTests {
    static func parse(_ members: String) throws(ConfigurationError) -> SyncConfiguration {
        let text = """
            {"environment": "tt02", "org": "ttd", "apps": ["ttd/app-one"],
             "maskinporten": {"clientId": "c", "key": {"type": "pem", "file": "key.pem", "kid": "k"}},
             "archiveDir": "/srv/archive"\(members.isEmpty ? "" : ", " + members)}
            """
        return try ConfigurationLoader.parse(Data(text.utf8), file: "/etc/altinn-sync/config.json")
    }

    @Test func theDefaultsAre0750And0640NoHookAndTheBeginning() throws {
        let configuration = try Self.parse("")
        #expect(configuration.archiveModes == ArchiveModes(folders: 0o750, files: 0o640, group: nil))
        #expect(configuration.hooks == nil)
        #expect(configuration.startAt == .beginning)
    }

    @Test func modesHooksAndTheStartAreRead() throws {
        let configuration = try Self.parse(
            #""archiveModes": {"folders": "0770", "files": "0660", "group": "root"}, "#
                + #""hooks": {"onArchived": ["bin/notify", "--queue", "intake"], "timeout": "90s"}, "#
                + #""startAt": "2026-01-01T00:00:00Z""#)
        #expect(configuration.archiveModes == ArchiveModes(folders: 0o770, files: 0o660, group: 0))
        #expect(configuration.hooks?.command == ["/etc/altinn-sync/bin/notify", "--queue", "intake"])
        #expect(configuration.hooks?.timeout == .seconds(90))
        #expect(configuration.startAt == .moment(try AltinnTimestamp("2026-01-01T00:00:00Z")))
        #expect(try Self.parse(#""startAt": "now""#).startAt == .now)
        #expect(try Self.parse(#""hooks": {"onArchived": ["notify"]}"#).hooks?.command == ["notify"], "found in PATH")
    }

    @Test(arguments: [
        (#""archiveModes": {"folders": "750x"}"#, "archiveModes.folders", "octal mode"),
        (#""archiveModes": {"files": "0440"}"#, "archiveModes.files", "lock altinn-sync itself out"),
        (#""archiveModes": {"group": "no-such-group-here"}"#, "archiveModes.group", "groupadd"),
        (#""archiveModes": {"owner": "me"}"#, "archiveModes.owner", "unknown key"),
        (#""hooks": {"onArchived": []}"#, "hooks.onArchived", "program first"),
        (#""hooks": {"onArchived": "notify.sh"}"#, "hooks.onArchived", "expected an array of strings"),
        (#""startAt": "yesterday""#, "startAt", "\"beginning\", \"now\" or a timestamp"),
    ])
    func badValuesAreNamedWithWhatToWrite(member: String, key: String, hint: String) {
        #expect {
            try Self.parse(member)
        } throws: { error in
            let text = "\(error)"
            return text.contains(key) && text.contains(hint)
        }
    }
}
