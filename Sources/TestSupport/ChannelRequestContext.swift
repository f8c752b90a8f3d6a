import Hummingbird
import NIOCore

/// A request context that keeps the connection's channel, so handlers can see the peer and break the
/// connection on purpose.
struct ChannelRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// Allows large uploads in tests.
    var maxUploadSize: Int { 64 * 1024 * 1024 }
}
