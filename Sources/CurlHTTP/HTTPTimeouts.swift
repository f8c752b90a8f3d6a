/// The transport's named time limits.
public struct HTTPTimeouts: Sendable, Equatable {
    /// The longest wait for a TCP connection and TLS handshake.
    public var connect: Duration
    /// How long a transfer may move less than ``stallMinimumBytesPerSecond`` before it is abandoned. This,
    /// not an overall limit, bounds large downloads.
    public var stall: Duration
    /// The speed under which a transfer counts as stalled.
    public var stallMinimumBytesPerSecond: Int
    /// The overall limit of one attempt of an API call, for requests sent with ``HTTPClient/send(_:bodyLimit:logger:)``
    /// without their own ``HTTPRequest/deadline``. Downloads get none: they must not hit a total timeout.
    public var apiDeadline: Duration

    /// Creates timeouts; the defaults suit Altinn's APIs.
    public init(
        connect: Duration = .seconds(15),
        stall: Duration = .seconds(60),
        stallMinimumBytesPerSecond: Int = 1,
        apiDeadline: Duration = .seconds(120)
    ) {
        self.connect = connect
        self.stall = stall
        self.stallMinimumBytesPerSecond = max(1, stallMinimumBytesPerSecond)
        self.apiDeadline = apiDeadline
    }
}
