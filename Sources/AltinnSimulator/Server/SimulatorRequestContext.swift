internal import Hummingbird
internal import NIOCore

/// A request context that keeps the connection's channel, so faults can break the connection.
struct SimulatorRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
