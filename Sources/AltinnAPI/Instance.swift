/// An instance document: one submission of an app by one party, with its process state and data elements.
///
/// Decodes both Storage's document and an app's `InstanceResponse` (see ``AltinnJSONShape``), including
/// Storage's internal form whose `id` is a bare GUID. Unknown members are ignored. Identifiers stay as
/// received; ``instanceID``, ``partyID`` and ``appID`` validate them.
public struct Instance: Codable, Sendable, Hashable {
    /// `"{partyId}/{instanceGuid}"` (a bare GUID in Storage's internal documents).
    public var id: String
    /// Who owns the instance.
    public var instanceOwner: InstanceOwner
    /// The app, `"{org}/{app}"`.
    public var appId: String
    /// The service owner's code.
    public var org: String
    /// Where the app API and Storage serve the instance.
    public var selfLinks: ResourceLinks?
    /// The deadline for the owner to submit.
    public var dueBefore: AltinnTimestamp?
    /// When the instance becomes visible to the owner.
    public var visibleAfter: AltinnTimestamp?
    /// The process state.
    public var process: ProcessState?
    /// The archive, deletion and read state.
    public var status: InstanceStatus?
    /// The stakeholders that confirmed completion.
    public var completeConfirmations: [CompleteConfirmation]?
    /// The data elements. Required: a document without `data` is not one to archive from (Storage and the app
    /// always send the list, empty or not), so it fails to decode rather than passing as an instance without files.
    public var data: [DataElement]
    /// Texts to show in message boxes.
    public var presentationTexts: [String: String]?
    /// Values for searching and display.
    public var dataValues: [String: String]?
    /// When the instance was created.
    public var created: AltinnTimestamp?
    /// Who created it.
    public var createdBy: String?
    /// When the instance last changed; its text is kept exactly (the reconciliation query pages on it).
    public var lastChanged: AltinnTimestamp?
    /// Who last changed it (a user id or an org number).
    public var lastChangedBy: String?

    /// Creates an instance document.
    public init(
        id: String, instanceOwner: InstanceOwner, appId: String, org: String, selfLinks: ResourceLinks? = nil,
        dueBefore: AltinnTimestamp? = nil, visibleAfter: AltinnTimestamp? = nil, process: ProcessState? = nil,
        status: InstanceStatus? = nil, completeConfirmations: [CompleteConfirmation]? = nil,
        data: [DataElement] = [], presentationTexts: [String: String]? = nil, dataValues: [String: String]? = nil,
        created: AltinnTimestamp? = nil, createdBy: String? = nil, lastChanged: AltinnTimestamp? = nil,
        lastChangedBy: String? = nil
    ) {
        self.id = id
        self.instanceOwner = instanceOwner
        self.appId = appId
        self.org = org
        self.selfLinks = selfLinks
        self.dueBefore = dueBefore
        self.visibleAfter = visibleAfter
        self.process = process
        self.status = status
        self.completeConfirmations = completeConfirmations
        self.data = data
        self.presentationTexts = presentationTexts
        self.dataValues = dataValues
        self.created = created
        self.createdBy = createdBy
        self.lastChanged = lastChanged
        self.lastChangedBy = lastChangedBy
    }

    enum CodingKeys: String, CodingKey {
        case id, instanceOwner, appId, org, selfLinks, dueBefore, visibleAfter, process, status
        case completeConfirmations, data, presentationTexts, dataValues, created, createdBy, lastChanged
        case lastChangedBy
    }

    /// Decodes either JSON shape. `id`, `instanceOwner`, `appId`, `org` and `data` are required; the rest are
    /// optional in Altinn's models too.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        instanceOwner = try container.decode(InstanceOwner.self, forKey: .instanceOwner)
        appId = try container.decode(String.self, forKey: .appId)
        org = try container.decode(String.self, forKey: .org)
        selfLinks = try container.decodeIfPresent(ResourceLinks.self, forKey: .selfLinks)
        dueBefore = try container.decodeIfPresent(AltinnTimestamp.self, forKey: .dueBefore)
        visibleAfter = try container.decodeIfPresent(AltinnTimestamp.self, forKey: .visibleAfter)
        process = try container.decodeIfPresent(ProcessState.self, forKey: .process)
        status = try container.decodeIfPresent(InstanceStatus.self, forKey: .status)
        completeConfirmations = try container.decodeIfPresent(
            [CompleteConfirmation].self, forKey: .completeConfirmations)
        data = try container.decode([DataElement].self, forKey: .data)
        presentationTexts = try container.decodeIfPresent([String: String].self, forKey: .presentationTexts)
        dataValues = try container.decodeIfPresent([String: String].self, forKey: .dataValues)
        created = try container.decodeIfPresent(AltinnTimestamp.self, forKey: .created)
        createdBy = try container.decodeIfPresent(String.self, forKey: .createdBy)
        lastChanged = try container.decodeIfPresent(AltinnTimestamp.self, forKey: .lastChanged)
        lastChangedBy = try container.decodeIfPresent(String.self, forKey: .lastChangedBy)
    }

    /// Encodes the document; nulls are written only in the app shape.
    public func encode(to encoder: any Encoder) throws {
        let shape = AltinnJSONShape(encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(instanceOwner, forKey: .instanceOwner)
        try container.encode(appId, forKey: .appId)
        try container.encode(org, forKey: .org)
        try container.encode(selfLinks, forKey: .selfLinks, shape: shape)
        try container.encode(dueBefore, forKey: .dueBefore, shape: shape)
        try container.encode(visibleAfter, forKey: .visibleAfter, shape: shape)
        try container.encode(process, forKey: .process, shape: shape)
        try container.encode(status, forKey: .status, shape: shape)
        try container.encode(completeConfirmations, forKey: .completeConfirmations, shape: shape)
        try container.encode(data, forKey: .data)
        try container.encode(presentationTexts, forKey: .presentationTexts, shape: shape)
        try container.encode(dataValues, forKey: .dataValues, shape: shape)
        try container.encode(created, forKey: .created, shape: shape)
        try container.encode(createdBy, forKey: .createdBy, shape: shape)
        try container.encode(lastChanged, forKey: .lastChanged, shape: shape)
        try container.encode(lastChangedBy, forKey: .lastChangedBy, shape: shape)
    }
}
