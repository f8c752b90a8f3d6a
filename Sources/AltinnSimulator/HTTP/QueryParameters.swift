/// A query string decoded as ASP.NET decodes it: `+` is a space, `%XX` a byte, names matched without
/// regard to case.
struct QueryParameters: Sendable {
    /// The decoded name-value pairs, in the order sent.
    let pairs: [(name: String, value: String)]

    init(raw: String?) {
        guard let raw, !raw.isEmpty else {
            pairs = []
            return
        }
        pairs = raw.split(separator: "&", omittingEmptySubsequences: true).map { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(String(pieces[0]))
            let value = pieces.count > 1 ? Self.decode(String(pieces[1])) : ""
            return (name, value)
        }
    }

    /// Every value of `name` (any case), in order.
    func values(_ name: String) -> [String] {
        let wanted = name.lowercased()
        return pairs.filter { $0.name.lowercased() == wanted }.map(\.value)
    }

    /// The first value of `name`, as model binding takes it.
    func first(_ name: String) -> String? { values(name).first }

    /// The parameters grouped as `Request.Query` groups them: by name ignoring case, in order of first
    /// appearance, under the first spelling.
    var grouped: [(name: String, values: [String])] {
        var groups: [(name: String, values: [String])] = []
        var index: [String: Int] = [:]
        for pair in pairs {
            let key = pair.name.lowercased()
            if let position = index[key] {
                groups[position].values.append(pair.value)
            } else {
                index[key] = groups.count
                groups.append((pair.name, [pair.value]))
            }
        }
        return groups
    }

    /// Percent-decodes `text`, with `+` as a space; malformed escapes stay as they are.
    static func decode(_ text: String) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
