import AltinnAPI
import ArgumentParser

/// Instances named on the command line, as `{partyId}/{instanceGuid}`: what `retry` and `acknowledge` take.
struct InstanceList: ParsableArguments {
    @Argument(help: "Instances, as {partyId}/{instanceGuid}.")
    var instances: [String] = []

    func validate() throws {
        for instance in instances where (try? InstanceID(instance)) == nil {
            throw ValidationError("\(instance) is not an instance id; write {partyId}/{instanceGuid}.")
        }
    }

    /// The instance ids, in the retry ledger's form.
    var ids: [String] { instances.compactMap { try? InstanceID($0).description } }
}
