import AltinnSimulator
import ArgumentParser

/// Altinn's timing rules and the faults to inject.
struct BehaviourOptions: ParsableArguments {
    @Option(name: .customLong("visibility-lag"), help: "Seconds a new event stays invisible (Altinn: 30).")
    var visibilityLag = 30.0

    @Option(name: .customLong("event-retention-days"), help: "Days events are kept (Altinn: 90).")
    var eventRetentionDays = 90.0

    @Option(name: .customLong("altinn-token-lifetime"), help: "Seconds an exchanged Altinn token lives.")
    var altinnTokenLifetime = 1800.0

    @Option(name: .customLong("maskinporten-token-lifetime"), help: "Seconds a Maskinporten token lives.")
    var maskinportenTokenLifetime = 120.0

    @Option(
        name: .customLong("unknown-complete-status"),
        help: "The status of complete for an unknown instance: 500 (Storage's test) or 403.")
    var unknownCompleteStatus = 500

    @Option(
        name: .customLong("fault"),
        help: ArgumentHelp("A fault to inject, \(FaultRule.specSyntax); repeatable.", valueName: "spec"))
    var faults: [String] = []

    func validate() throws {
        guard visibilityLag >= 0 else { throw ValidationError("--visibility-lag must be 0 or more seconds") }
        guard eventRetentionDays > 0 else { throw ValidationError("--event-retention-days must be more than 0") }
        guard altinnTokenLifetime > 0, maskinportenTokenLifetime > 0 else {
            throw ValidationError("token lifetimes must be more than 0 seconds")
        }
        guard [403, 500].contains(unknownCompleteStatus) else {
            throw ValidationError("--unknown-complete-status must be 500 or 403")
        }
        for spec in faults {
            do {
                _ = try FaultRule(spec: spec)
            } catch {
                throw ValidationError("--fault: \(error)")
            }
        }
    }

    func apply(to configuration: inout SimulatorConfiguration) throws {
        configuration.visibilityLag = visibilityLag
        configuration.eventRetention = eventRetentionDays * 24 * 3600
        configuration.altinnTokenLifetime = altinnTokenLifetime
        configuration.maskinportenTokenLifetime = maskinportenTokenLifetime
        configuration.unknownInstanceCompleteStatus = unknownCompleteStatus
        configuration.faults = try faults.map { try FaultRule(spec: $0) }
    }
}
