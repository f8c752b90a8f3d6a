/// Where an instance is in its process (`process`). The instance is complete when ``ended`` is set.
public struct ProcessState: Codable, Sendable, Hashable {
    /// When the process started.
    public var started: AltinnTimestamp?
    /// The BPMN start event, e.g. `StartEvent_1`.
    public var startEvent: String?
    /// The task the instance is in; nil once the process has ended.
    public var currentTask: ProcessTask?
    /// When the process reached its end event.
    public var ended: AltinnTimestamp?
    /// The BPMN end event, e.g. `EndEvent_1`.
    public var endEvent: String?

    /// Creates a process state.
    public init(
        started: AltinnTimestamp? = nil, startEvent: String? = nil, currentTask: ProcessTask? = nil,
        ended: AltinnTimestamp? = nil, endEvent: String? = nil
    ) {
        self.started = started
        self.startEvent = startEvent
        self.currentTask = currentTask
        self.ended = ended
        self.endEvent = endEvent
    }

    enum CodingKeys: String, CodingKey {
        case started, startEvent, currentTask, ended, endEvent
    }

    /// Encodes the state; nulls are written only in the app shape.
    public func encode(to encoder: any Encoder) throws {
        let shape = AltinnJSONShape(encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(started, forKey: .started, shape: shape)
        try container.encode(startEvent, forKey: .startEvent, shape: shape)
        try container.encode(currentTask, forKey: .currentTask, shape: shape)
        try container.encode(ended, forKey: .ended, shape: shape)
        try container.encode(endEvent, forKey: .endEvent, shape: shape)
    }
}
