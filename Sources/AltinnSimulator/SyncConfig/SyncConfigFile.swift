import Foundation

/// The altinn-sync configuration the simulator writes for itself (`--write-config`), member for member and
/// in the documented order.
struct SyncConfigFile {
    let maskinporten: String
    let platform: String
    let apps: String
    let org: String
    let appIDs: [String]
    let clientID: String
    let scopes: [String]
    let keyFile: String
    let keyID: String

    /// The JSON text, indented by two spaces.
    func json() throws -> String {
        func quoted(_ text: String) throws -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes]
            return String(decoding: try encoder.encode(text), as: UTF8.self)
        }
        func list(_ items: [String]) throws -> String {
            "[" + (try items.map(quoted).joined(separator: ", ")) + "]"
        }
        return """
            {
              "environment": "custom",
              "endpoints": {
                "maskinporten": \(try quoted(maskinporten)),
                "platform": \(try quoted(platform)),
                "apps": \(try quoted(apps))
              },
              "org": \(try quoted(org)),
              "apps": \(try list(appIDs)),
              "maskinporten": {
                "clientId": \(try quoted(clientID)),
                "scopes": \(try list(scopes)),
                "key": {"type": "pem", "file": \(try quoted(keyFile)), "kid": \(try quoted(keyID))}
              },
              "archiveDir": "archive",
              "stateDir": "state"
            }

            """
    }
}
