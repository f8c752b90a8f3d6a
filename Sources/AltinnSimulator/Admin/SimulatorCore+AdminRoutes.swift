extension SimulatorCore {
    /// `POST /_sim/instances`: adds the instances the body asks for (see ``SubmissionBatch``) and answers 201
    /// with their truth, in the shape of `/_sim/truth`.
    func addInstancesRoute(_ request: SimRequest) -> SimResponse {
        do throws(AdminRequestError) {
            let batch = try SubmissionBatch(json: request.body)
            let made = try addSubmissions(batch, source: .admin, request: request)
            return .json(201, encoding: truth(of: made.map(\.guid)), sortedKeys: true)
        } catch {
            return error.response
        }
    }

    /// `POST /_sim/instances/{guid}/complete`: ends the process of an instance in progress; the body may say
    /// `{"eventLost": true}` or `{"duplicateEvent": true}`. Answers 200 with its truth.
    func completeInstanceRoute(_ request: SimRequest, guid: String) -> SimResponse {
        do throws(AdminRequestError) {
            let body = try AdminJSON.object(
                request.body, allowed: ["eventLost", "duplicateEvent"], example: #"{"eventLost": false}"#)
            let lost = try body["eventLost"].map { value throws(AdminRequestError) in
                try AdminJSON.bool(value, "eventLost")
            }
            let duplicated = try body["duplicateEvent"].map { value throws(AdminRequestError) in
                try AdminJSON.bool(value, "duplicateEvent")
            }
            if lost == true, duplicated == true {
                throw AdminRequestError(
                    "a lost completed event cannot also be registered twice", expected: "at most one of them true")
            }
            try completeProcess(
                guid: guid, eventLost: lost ?? false, duplicated: duplicated ?? false, source: .admin,
                request: request)
            return .json(200, encoding: truth(of: [guid]), sortedKeys: true)
        } catch {
            return error.response
        }
    }

    /// `POST /_sim/events/purge`: deletes the events registered more than `olderThanSeconds` ago (the
    /// configured retention when left out), as Events' nightly job does. Answers
    /// `{"purged": N, "retained": M}`.
    func purgeEventsRoute(_ request: SimRequest) -> SimResponse {
        do throws(AdminRequestError) {
            let body = try AdminJSON.object(
                request.body, allowed: ["olderThanSeconds"], example: #"{"olderThanSeconds": 3600}"#)
            let age = try body["olderThanSeconds"].map { value throws(AdminRequestError) in
                try AdminJSON.integer(value, "olderThanSeconds", in: 0...Int64(Int32.max), example: 3600)
            }
            let (purged, retained) = purgeEvents(olderThan: age.map(Double.init), source: .admin, request: request)
            return .json(200, encoding: ["purged": purged, "retained": retained], sortedKeys: true)
        } catch {
            return error.response
        }
    }
}
