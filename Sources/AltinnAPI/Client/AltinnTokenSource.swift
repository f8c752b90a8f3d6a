/// Supplies the Altinn token that every Altinn request carries.
public protocol AltinnTokenSource: Sendable {
    /// A token valid for at least the source's refresh margin.
    func altinnToken() async throws -> String
    /// Forgets `token` after Altinn refused it, so the next ``altinnToken()`` fetches a new one.
    func invalidate(_ token: String) async
}
