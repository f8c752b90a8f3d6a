import Foundation
internal import Hummingbird
internal import Logging
internal import NIOCore
internal import ServiceLifecycle

/// Runs the Hummingbird application on 127.0.0.1 in the background until ``stop()``.
final class ServerRunner: Sendable {
    /// The port bound.
    let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    init(core: SimulatorCore, port requested: Int, logger: Logger) async throws {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let application = Application(
            responder: SimulatorResponder(core: core),
            configuration: .init(address: .hostname("127.0.0.1", port: requested), serverName: "altinn-sim"),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: logger)
        let group = ServiceGroup(configuration: .init(services: [application], logger: logger))
        self.group = group
        task = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        let bound = await withTaskCancellationHandler {
            await iterator.next()
        } onCancel: {
            continuation.finish()
        }
        guard let bound, bound > 0 else {
            await group.triggerGracefulShutdown()
            let outcome = await task.result
            if case .failure(let error) = outcome { throw error }
            throw SimulatorError("the server did not start on 127.0.0.1:\(requested)")
        }
        port = bound
    }

    /// Stops accepting connections, lets running requests finish, and returns when the server is down.
    func stop() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
    }
}

/// A simulator failure, with a message saying what went wrong.
public struct SimulatorError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
