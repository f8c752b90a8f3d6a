import Foundation
import Synchronization

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = Mutex(start)
    }

    var now: Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    /// The clock as the closure the code under test takes.
    var function: @Sendable () -> Date { { [self] in now } }
}

/// An unsigned JWT whose payload is `claims`, for tests that only read claims.
func unsignedJWT(_ claims: [String: Any]) throws -> String {
    let header = #"{"alg":"RS256"}"#
    let payload = try JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys])
    return "\(Base64URLForTests.encode(Data(header.utf8))).\(Base64URLForTests.encode(payload)).c2ln"
}

/// A second base64url implementation (via Foundation only), so fixtures do not depend on the code under test.
enum Base64URLForTests {
    static func encode(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: some StringProtocol) -> Data? {
        var value = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        value += String(repeating: "=", count: (4 - value.count % 4) % 4)
        return Data(base64Encoded: value)
    }
}
