/// A PostgreSQL `ILIKE` pattern: `%` matches any run of characters, `_` exactly one, `\` escapes the
/// next character, and letters match without regard to case.
struct LikePattern: Sendable {
    private enum Token: Equatable {
        case literal(Character)
        case one
        case any
    }

    private let tokens: [Token]

    init(_ pattern: String) {
        var tokens: [Token] = []
        var escaped = false
        for character in pattern.lowercased() {
            if escaped {
                tokens.append(.literal(character))
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "%" {
                tokens.append(.any)
            } else if character == "_" {
                tokens.append(.one)
            } else {
                tokens.append(.literal(character))
            }
        }
        self.tokens = tokens
    }

    /// Whether `text` matches the whole pattern.
    func matches(_ text: String) -> Bool {
        let characters = Array(text.lowercased())
        // matched[j]: whether the tokens so far match the first j characters.
        var matched = [Bool](repeating: false, count: characters.count + 1)
        matched[0] = true
        for token in tokens {
            var next = [Bool](repeating: false, count: characters.count + 1)
            switch token {
            case .any:
                var reachable = false
                for index in 0...characters.count {
                    reachable = reachable || matched[index]
                    next[index] = reachable
                }
            case .one:
                for index in 0..<characters.count where matched[index] { next[index + 1] = true }
            case .literal(let character):
                for index in 0..<characters.count where matched[index] && characters[index] == character {
                    next[index + 1] = true
                }
            }
            matched = next
        }
        return matched[characters.count]
    }
}
