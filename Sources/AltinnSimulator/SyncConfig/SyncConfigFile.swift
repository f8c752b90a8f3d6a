/// The altinn-sync configuration the simulator writes for itself (`--write-config`), member for member.
struct SyncConfigFile: Encodable {
    struct Endpoints: Encodable {
        let maskinporten: String
        let platform: String
        let apps: String
    }

    struct Key: Encodable {
        let type: String
        let file: String
        let kid: String
    }

    struct Maskinporten: Encodable {
        let clientId: String
        let scopes: [String]
        let key: Key
    }

    let environment: String
    let endpoints: Endpoints
    let org: String
    let apps: [String]
    let maskinporten: Maskinporten
    let archiveDir: String
    let stateDir: String
}
