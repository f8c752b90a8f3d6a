import Foundation
import Testing

@testable import CurlHTTP

/// The helpers that stand in for full Foundation give what Foundation gave.
@Suite struct ScalarSetTests {
    static let sets: [(String, ScalarSet, CharacterSet)] = [
        ("whitespaces", .whitespaces, .whitespaces),
        ("newlines", .newlines, .newlines),
        ("whitespacesAndNewlines", .whitespacesAndNewlines, .whitespacesAndNewlines),
        ("controlCharacters", .controlCharacters, .controlCharacters),
    ]

    @Test(arguments: 0..<sets.count)
    func membersAreFoundations(_ index: Int) {
        let (name, ours, foundations) = Self.sets[index]
        // Planes 0 to 2; Foundation's own table for plane 14 (tags, variation selectors) disagrees with the
        // Unicode categories it documents, and nothing the tool trims comes from there.
        let differing = (0..<0x3_0000).compactMap(Unicode.Scalar.init).filter {
            ours.contains($0) != foundations.contains($0)
        }
        #expect(differing.isEmpty, "\(name): \(differing.prefix(10).map { String($0.value, radix: 16) })")
    }

    @Test(arguments: [
        "", " ", "\t\n", "plain", "  both  ", "\u{A0}\u{2003}nbsp\u{3000}", "\r\nline\r\n", "\u{200B}zero\u{200B}",
        " \u{301}mark ", "é ", "\u{85}next\u{2028}", "inner  space",
    ])
    func trimmingIsFoundations(_ text: String) {
        #expect(
            Array(text.trimming(.whitespaces).unicodeScalars)
                == Array(text.trimmingCharacters(in: .whitespaces).unicodeScalars))
        #expect(
            Array(text.trimming(.whitespacesAndNewlines).unicodeScalars)
                == Array(text.trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars))
        #expect(
            text.trimming(ScalarSet(charactersIn: "[] "))
                == text.trimmingCharacters(in: CharacterSet(charactersIn: "[] ")))
        let inner = text.dropFirst()
        #expect(inner.trimming(.whitespaces) == inner.trimmingCharacters(in: .whitespaces))
    }
}

@Suite struct DecimalTextTests {
    @Test(arguments: [
        0, 0.04, 0.05, 0.15, 0.25, -0.05, -3.14159, 1, 9.95, 12_345.678, 1e20, 1.5e-9, .nan, .infinity, -.infinity,
    ])
    func oneDigitIsStringFormats(_ value: Double) {
        #expect(value.decimalText(digits: 1) == String(format: "%.1f", value))
        #expect(value.decimalText(digits: 3) == String(format: "%.3f", value))
        #expect(value.decimalText(digits: 0) == String(format: "%.0f", value))
    }
}

@Suite struct DetachedThreadTests {
    @Test func runsTheBodyOnANamedThreadOfItsOwn() async {
        let caller = pthread_self()
        let (name, onOtherThread) = await withCheckedContinuation { continuation in
            DetachedThread.start(name: "a-long-thread-name") {
                let comm = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? ""
                continuation.resume(returning: (comm, pthread_equal(pthread_self(), caller) == 0))
            }
        }
        #expect(name == "a-long-thread-n\n")
        #expect(onOtherThread)
    }
}
