import Foundation

extension SimulatorCore {
    /// Registers `client` (replacing one with the same id), preparing a verifier for each of its keys.
    func register(_ client: RegisteredClient) throws {
        var byKeyID: [String: any GrantKeyVerifier] = [:]
        var byCertificate: [Data: any GrantKeyVerifier] = [:]
        for key in client.keys {
            switch key {
            case .publicKey(let kid, let pem): byKeyID[kid] = try crypto.verifier(publicKeyPEM: pem)
            case .certificate(let der): byCertificate[der] = try crypto.verifier(certificateDER: der)
            }
        }
        let keys = ClientKeys(client: client, byKeyID: byKeyID, byCertificate: byCertificate)
        state.withLock { $0.clients[client.clientID] = keys }
    }
}
