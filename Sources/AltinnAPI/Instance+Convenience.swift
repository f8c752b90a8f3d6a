extension Instance {
    /// Whether the process has reached its end event (`process.ended` is set): the end user submitted.
    public var isProcessEnded: Bool { process?.ended != nil }

    /// Whether `org` has confirmed completion: a `completeConfirmations` entry with its code, compared
    /// case-insensitively as Storage's `excludeConfirmedBy` does.
    public func isConfirmed(by org: Org) -> Bool {
        completeConfirmations?.contains { $0.stakeholderId.lowercased() == org.description } ?? false
    }

    /// When `org`'s confirmation was recorded, as Altinn wrote it; nil when there is none (or no time).
    public func confirmedOn(by org: Org) -> String? {
        completeConfirmations?.first { $0.stakeholderId.lowercased() == org.description }?.confirmedOn?.text
    }

    /// The owner's party id, validated.
    public var partyID: PartyID {
        get throws(AltinnAPIError) {
            guard let text = instanceOwner.partyId else {
                throw AltinnAPIError(
                    .invalidIdentifier, "instance \(QuotedValue.quote(id)) has no instanceOwner.partyId")
            }
            return try PartyID(text)
        }
    }

    /// The instance id, validated.
    ///
    /// `"{partyId}/{guid}"` must agree with `instanceOwner.partyId` when that is set; a bare GUID (Storage's
    /// internal form) takes its party from `instanceOwner.partyId`.
    public var instanceID: InstanceID {
        get throws(AltinnAPIError) {
            guard id.contains("/") else {
                return InstanceID(partyID: try partyID, instanceGUID: try InstanceGUID(id))
            }
            let parsed = try InstanceID(id)
            if instanceOwner.partyId != nil, try partyID != parsed.partyID {
                throw AltinnAPIError(
                    .invalidIdentifier,
                    "instance id \(QuotedValue.quote(id)) names another party than instanceOwner.partyId "
                        + "\(QuotedValue.quote(instanceOwner.partyId ?? "")); expected the same party in both")
            }
            return parsed
        }
    }

    /// The app id, validated.
    public var appID: AppID {
        get throws(AltinnAPIError) { try AppID(appId) }
    }
}
