/// One file of an instance (`data[]`): a form's data model, an attachment, a generated PDF.
///
/// Fields stay as received; ``dataElementID`` validates the id before it reaches a URL or a path.
public struct DataElement: Codable, Sendable, Hashable {
    /// The element's id, a GUID.
    public var id: String
    /// The GUID of the instance it belongs to.
    public var instanceGuid: String?
    /// The app's data type, e.g. `model`, `ref-data-as-pdf`. Untrusted as a file name.
    public var dataType: String?
    /// The original file name; usually nil for form data. Untrusted as a file name.
    public var filename: String?
    /// The media type, e.g. `application/xml`.
    public var contentType: String?
    /// Where Storage keeps the blob (internal to Altinn).
    public var blobStoragePath: String?
    /// Where the app API and Storage serve the element.
    public var selfLinks: ResourceLinks?
    /// The byte count; may be absent or 0 when unknown.
    public var size: Int64?
    /// A content hash; Storage never sets it today.
    public var contentHash: String?
    /// Whether the element can no longer change.
    public var locked: Bool
    /// Other elements this one refers to.
    public var refs: [String]?
    /// Whether the owner has read the element (default true).
    public var isRead: Bool
    /// Tags set by the app.
    public var tags: [String]
    /// Metadata set by the uploader.
    public var userDefinedMetadata: [KeyValueEntry]?
    /// Metadata set by the app.
    public var metadata: [KeyValueEntry]?
    /// Whether the element is hard-deleted.
    public var deleteStatus: DeleteStatus?
    /// The malware scan state.
    public var fileScanResult: FileScanResult?
    /// When the element was created.
    public var created: AltinnTimestamp?
    /// Who created it (a user or org number).
    public var createdBy: String?
    /// When the element last changed.
    public var lastChanged: AltinnTimestamp?
    /// Who last changed it.
    public var lastChangedBy: String?

    /// Creates a data element; only `id` is required.
    public init(
        id: String, instanceGuid: String? = nil, dataType: String? = nil, filename: String? = nil,
        contentType: String? = nil, blobStoragePath: String? = nil, selfLinks: ResourceLinks? = nil,
        size: Int64? = nil, contentHash: String? = nil, locked: Bool = false, refs: [String]? = nil,
        isRead: Bool = true, tags: [String] = [], userDefinedMetadata: [KeyValueEntry]? = nil,
        metadata: [KeyValueEntry]? = nil, deleteStatus: DeleteStatus? = nil, fileScanResult: FileScanResult? = nil,
        created: AltinnTimestamp? = nil, createdBy: String? = nil, lastChanged: AltinnTimestamp? = nil,
        lastChangedBy: String? = nil
    ) {
        self.id = id
        self.instanceGuid = instanceGuid
        self.dataType = dataType
        self.filename = filename
        self.contentType = contentType
        self.blobStoragePath = blobStoragePath
        self.selfLinks = selfLinks
        self.size = size
        self.contentHash = contentHash
        self.locked = locked
        self.refs = refs
        self.isRead = isRead
        self.tags = tags
        self.userDefinedMetadata = userDefinedMetadata
        self.metadata = metadata
        self.deleteStatus = deleteStatus
        self.fileScanResult = fileScanResult
        self.created = created
        self.createdBy = createdBy
        self.lastChanged = lastChanged
        self.lastChangedBy = lastChangedBy
    }

    /// The id validated as a GUID.
    public var dataElementID: DataElementID {
        get throws(AltinnAPIError) { try DataElementID(id) }
    }

    /// Whether the element is hard-deleted.
    public var isHardDeleted: Bool { deleteStatus?.isHardDeleted ?? false }

    enum CodingKeys: String, CodingKey {
        case id, instanceGuid, dataType, filename, contentType, blobStoragePath, selfLinks, size, contentHash
        case locked, refs, isRead, tags, userDefinedMetadata, metadata, deleteStatus, fileScanResult
        case references, created, createdBy, lastChanged, lastChangedBy
    }

    /// Decodes either JSON shape; only `id` is required. `locked` defaults to false, `isRead` to true, `tags` to
    /// empty: Altinn's own test documents leave them out, and nothing here decides on them.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        instanceGuid = try container.decodeIfPresent(String.self, forKey: .instanceGuid)
        dataType = try container.decodeIfPresent(String.self, forKey: .dataType)
        filename = try container.decodeIfPresent(String.self, forKey: .filename)
        contentType = try container.decodeIfPresent(String.self, forKey: .contentType)
        blobStoragePath = try container.decodeIfPresent(String.self, forKey: .blobStoragePath)
        selfLinks = try container.decodeIfPresent(ResourceLinks.self, forKey: .selfLinks)
        size = try container.decodeIfPresent(Int64.self, forKey: .size)
        contentHash = try container.decodeIfPresent(String.self, forKey: .contentHash)
        locked = try container.decodeIfPresent(Bool.self, forKey: .locked) ?? false
        refs = try container.decodeIfPresent([String].self, forKey: .refs)
        isRead = try container.decodeIfPresent(Bool.self, forKey: .isRead) ?? true
        tags = try container.decodeIfPresent([String].self, forKey: .tags) ?? []
        userDefinedMetadata = try container.decodeIfPresent([KeyValueEntry].self, forKey: .userDefinedMetadata)
        metadata = try container.decodeIfPresent([KeyValueEntry].self, forKey: .metadata)
        deleteStatus = try container.decodeIfPresent(DeleteStatus.self, forKey: .deleteStatus)
        fileScanResult = try container.decodeIfPresent(FileScanResult.self, forKey: .fileScanResult)
        created = try container.decodeIfPresent(AltinnTimestamp.self, forKey: .created)
        createdBy = try container.decodeIfPresent(String.self, forKey: .createdBy)
        lastChanged = try container.decodeIfPresent(AltinnTimestamp.self, forKey: .lastChanged)
        lastChangedBy = try container.decodeIfPresent(String.self, forKey: .lastChangedBy)
    }

    /// Encodes the element; nulls are written only in the app shape.
    public func encode(to encoder: any Encoder) throws {
        let shape = AltinnJSONShape(encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(instanceGuid, forKey: .instanceGuid, shape: shape)
        try container.encode(dataType, forKey: .dataType, shape: shape)
        try container.encode(filename, forKey: .filename, shape: shape)
        try container.encode(contentType, forKey: .contentType, shape: shape)
        try container.encode(blobStoragePath, forKey: .blobStoragePath, shape: shape)
        try container.encode(selfLinks, forKey: .selfLinks, shape: shape)
        try container.encode(size, forKey: .size, shape: shape)
        try container.encode(contentHash, forKey: .contentHash, shape: shape)
        try container.encode(locked, forKey: .locked)
        try container.encode(refs, forKey: .refs, shape: shape)
        try container.encode(isRead, forKey: .isRead)
        try container.encode(tags, forKey: .tags)
        try container.encode(userDefinedMetadata, forKey: .userDefinedMetadata, shape: shape)
        try container.encode(metadata, forKey: .metadata, shape: shape)
        try container.encode(deleteStatus, forKey: .deleteStatus, shape: shape)
        try container.encode(fileScanResult, forKey: .fileScanResult, shape: shape)
        try container.encode(String?.none, forKey: .references, shape: shape)
        try container.encode(created, forKey: .created, shape: shape)
        try container.encode(createdBy, forKey: .createdBy, shape: shape)
        try container.encode(lastChanged, forKey: .lastChanged, shape: shape)
        try container.encode(lastChangedBy, forKey: .lastChangedBy, shape: shape)
    }
}
