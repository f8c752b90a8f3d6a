internal import AltinnAPI

extension SimulatorConfiguration {
    /// Checks the values that would make a meaningless simulator; throws ``SimulatorError`` naming the
    /// setting and what it should be.
    func validate() throws(SimulatorError) {
        do {
            let org = try Org(org)
            for text in apps {
                let app = try AppID(text)
                guard app.org == org else {
                    throw SimulatorError("app \(text) does not belong to org \(org); expected \(org)/{app}")
                }
            }
        } catch let error as AltinnAPIError {
            throw SimulatorError(error.detail)
        } catch let error as SimulatorError {
            throw error
        } catch {
            throw SimulatorError("\(error)")
        }
        guard orgNumber.count == 9, orgNumber.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw SimulatorError("orgNumber \(orgNumber) must be 9 digits")
        }
        guard instanceCount >= 0 else { throw SimulatorError("instanceCount must be 0 or more") }
        for (name, share) in [
            ("inProgressShare", inProgressShare), ("lostEventShare", lostEventShare),
            ("duplicatedEventShare", duplicatedEventShare),
        ] where !(0...1).contains(share) {
            throw SimulatorError("\(name) must be between 0 and 1")
        }
        guard largeElementSize >= 0 else { throw SimulatorError("largeElementSize must be 0 or more bytes") }
        guard visibilityLag >= 0, eventRetention > 0, altinnTokenLifetime > 0, maskinportenTokenLifetime > 0 else {
            throw SimulatorError("the lag must be 0 or more seconds, the retention and token lifetimes more than 0")
        }
        guard [403, 500].contains(unknownInstanceCompleteStatus) else {
            throw SimulatorError("unknownInstanceCompleteStatus must be 500 or 403")
        }
        guard (0...65535).contains(port) else { throw SimulatorError("port must be 0...65535") }
    }
}
