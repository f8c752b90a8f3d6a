/// The `onArchived` hook: a command run once per instance after it is archived (and confirmed, when
/// confirming), with the instance's details in its environment (docs/consumers.md).
public struct HookSettings: Sendable, Equatable {
    /// The program and its arguments; no shell is involved.
    public var command: [String]
    /// How long one run of the hook may take before it is stopped and counts as failed.
    public var timeout: Duration

    /// Creates settings.
    public init(command: [String], timeout: Duration = .seconds(300)) {
        self.command = command
        self.timeout = timeout
    }
}
