import Foundation

/// The `litestream` program, run as a child with a time limit. Its environment is labdb's
/// minus `AWS_CA_BUNDLE` (Litestream 0.5.17 refuses to start with it, litestream#639) and
/// with the EC2 metadata lookup off, so that missing credentials fail at once instead of
/// reaching for 169.254.169.254. Secrets reach it only through that environment.
public struct Litestream: Sendable {
    /// What a finished run printed.
    public struct Output: Sendable {
        public var standardOutput: String
        public var standardError: String
    }

    /// The executable.
    public let executable: String
    /// The environment it runs with.
    public let environment: [String: String]

    /// Finds `litestream` on the `PATH` of `environment`.
    public init(environment: [String: String]) throws {
        let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        guard let found = folders.map({ $0 + "/litestream" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw ReplicationError.litestreamMissing
        }
        executable = found
        self.environment = Litestream.childEnvironment(environment)
    }

    /// `environment` as Litestream should see it.
    public static func childEnvironment(_ environment: [String: String]) -> [String: String] {
        var child = environment
        child.removeValue(forKey: "AWS_CA_BUNDLE")
        child["AWS_EC2_METADATA_DISABLED"] = "true"
        return child
    }

    /// Runs `litestream arguments...`; stopped (and reported) after `timeLimit` seconds.
    /// Throws `ReplicationError.litestreamFailed` with its last error line on a non-zero exit.
    @discardableResult
    public func run(_ arguments: [String], timeLimit: Double) throws -> Output {
        let command = (["litestream"] + arguments.prefix(1)).joined(separator: " ")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("labdb-litestream-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outPath = scratch.appendingPathComponent("out").path, errPath = scratch.appendingPathComponent("err").path
        guard FileManager.default.createFile(atPath: outPath, contents: nil), FileManager.default.createFile(atPath: errPath, contents: nil) else {
            throw ReplicationError.litestreamFailed(command: command, status: -1, message: "cannot create its output files in \(scratch.path)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
        let deadline = Date().addingTimeInterval(timeLimit)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            let grace = Date().addingTimeInterval(2)
            while process.isRunning && Date() < grace { usleep(10_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            throw ReplicationError.litestreamTimedOut(command: command, seconds: Int(timeLimit))
        }
        process.waitUntilExit()
        let output = Output(standardOutput: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                            standardError: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
        guard process.terminationStatus == 0 else {
            throw ReplicationError.litestreamFailed(command: command, status: process.terminationStatus, message: Litestream.reason(output.standardError))
        }
        return output
    }

    /// The line of Litestream's error output that says what went wrong.
    static func reason(_ standardError: String) -> String {
        let lines = standardError.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let chosen = lines.last { $0.hasPrefix("Error:") } ?? lines.last ?? "no message"
        return String(chosen.hasPrefix("Error: ") ? chosen.dropFirst(7) : Substring(chosen))
    }
}
