import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// Runs a Hummingbird application on 127.0.0.1, port 0, in the background, until ``stop()``.
final class ServerRunner: Sendable {
    let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    init<App: ApplicationProtocol>(makeApplication: (@escaping @Sendable (Int) -> Void) -> App) async throws {
        let (portStream, portContinuation) = AsyncStream<Int>.makeStream()
        let app = makeApplication { port in
            portContinuation.yield(port)
            portContinuation.finish()
        }
        let group = ServiceGroup(
            configuration: .init(
                services: [app], logger: Logger(label: "test-server", factory: { _ in SwiftLogNoOpLogHandler() })))
        self.group = group
        task = Task { try await group.run() }
        var iterator = portStream.makeAsyncIterator()
        guard let port = await iterator.next() else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "test server did not start"])
        }
        self.port = port
    }

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
    }
}
