import Foundation

/// Runs the `openssl` command-line tool: an implementation independent of the code under test.
enum OpenSSLTool {
    struct Failure: Error, CustomStringConvertible {
        var arguments: [String]
        var status: Int32
        var output: String
        var description: String { "openssl \(arguments.joined(separator: " ")) exited \(status): \(output)" }
    }

    /// Runs `openssl` with `arguments` in `directory`, feeding it `input`, and returns its standard output.
    @discardableResult
    static func run(_ arguments: [String], input: String? = nil, in directory: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.currentDirectoryURL = directory
        // The CLI makes legacy fixtures with its own provider folder, whatever the process under test uses.
        var environment = ProcessInfo.processInfo.environment
        environment["OPENSSL_MODULES"] = nil
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let inputPipe = Pipe()
        process.standardInput = inputPipe
        try process.run()
        if let input { inputPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inputPipe.fileHandleForWriting.close()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(
                arguments: arguments, status: process.terminationStatus,
                output: String(decoding: outputData + errorData, as: UTF8.self))
        }
        return String(decoding: outputData, as: UTF8.self)
    }
}
