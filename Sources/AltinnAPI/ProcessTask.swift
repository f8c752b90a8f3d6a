/// The task an instance's process is in (`process.currentTask`).
public struct ProcessTask: Codable, Sendable, Hashable {
    /// The number of the flow step.
    public var flow: Int?
    /// When the task started.
    public var started: AltinnTimestamp?
    /// The BPMN element id, e.g. `Task_1`.
    public var elementId: String?
    /// The task's display name.
    public var name: String?
    /// The Altinn task type, e.g. `data`, `confirmation`, `signing`.
    public var altinnTaskType: String?
    /// When the task ended.
    public var ended: AltinnTimestamp?
    /// How the flow moved here, e.g. `CompleteCurrentMoveToNext`.
    public var flowType: String?

    /// Creates a task.
    public init(
        flow: Int? = nil, started: AltinnTimestamp? = nil, elementId: String? = nil, name: String? = nil,
        altinnTaskType: String? = nil, ended: AltinnTimestamp? = nil, flowType: String? = nil
    ) {
        self.flow = flow
        self.started = started
        self.elementId = elementId
        self.name = name
        self.altinnTaskType = altinnTaskType
        self.ended = ended
        self.flowType = flowType
    }

    enum CodingKeys: String, CodingKey {
        case flow, started, elementId, name, altinnTaskType, ended, validated, flowType
    }

    /// Decodes a task; the obsolete `validated` member is ignored.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        flow = try container.decodeIfPresent(Int.self, forKey: .flow)
        started = try container.decodeIfPresent(AltinnTimestamp.self, forKey: .started)
        elementId = try container.decodeIfPresent(String.self, forKey: .elementId)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        altinnTaskType = try container.decodeIfPresent(String.self, forKey: .altinnTaskType)
        ended = try container.decodeIfPresent(AltinnTimestamp.self, forKey: .ended)
        flowType = try container.decodeIfPresent(String.self, forKey: .flowType)
    }

    /// Encodes the task; nulls (and an empty `validated`) are written only in the app shape.
    public func encode(to encoder: any Encoder) throws {
        let shape = AltinnJSONShape(encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(flow, forKey: .flow, shape: shape)
        try container.encode(started, forKey: .started, shape: shape)
        try container.encode(elementId, forKey: .elementId, shape: shape)
        try container.encode(name, forKey: .name, shape: shape)
        try container.encode(altinnTaskType, forKey: .altinnTaskType, shape: shape)
        try container.encode(ended, forKey: .ended, shape: shape)
        try container.encode(String?.none, forKey: .validated, shape: shape)
        try container.encode(flowType, forKey: .flowType, shape: shape)
    }
}
