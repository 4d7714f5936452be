import Foundation

/// Runs the built `labdb` under a time limit: a hang is a failure with a name, not a stuck
/// test run. Input and output go through files, so no pipe can fill up and block either side.
struct TimedLabdb {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        /// Whether the process was killed for running past the limit.
        let timedOut: Bool
        /// Whether it ended by a signal (a crash: 139 is SIGSEGV) rather than exiting.
        let signalled: Bool
        let seconds: Double
    }

    /// The binary under test: the debug build, or `$LABDB_TEST_BINARY` (e.g. a release
    /// build, or an older labdb to show that these tests catch its defects).
    static var binary: String {
        ProcessInfo.processInfo.environment["LABDB_TEST_BINARY"].flatMap { $0.isEmpty ? nil : $0 } ?? LabdbProcess.binary
    }

    /// Runs `labdb arguments` with `stdin` as standard input, killing it after `limit` seconds.
    static func run(_ arguments: [String], stdin: String = "", limit: Double, environment: [String: String] = [:]) throws -> Result {
        try run(arguments, input: Data(stdin.utf8), limit: limit, environment: environment)
    }

    /// As `run(_:stdin:limit:environment:)`, with raw bytes as standard input.
    static func run(_ arguments: [String], input: Data, limit: Double, environment: [String: String] = [:]) throws -> Result {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("labdb-timed-\(UUID().uuidString)").path
        defer { for suffix in [".in", ".out", ".err"] { try? FileManager.default.removeItem(atPath: base + suffix) } }
        _ = FileManager.default.createFile(atPath: base + ".in", contents: input)
        _ = FileManager.default.createFile(atPath: base + ".out", contents: nil)
        _ = FileManager.default.createFile(atPath: base + ".err", contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TimedLabdb.binary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "LABDB_DB")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: base + ".in"))
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".err"))
        let start = Date()
        try process.run()
        var timedOut = false
        while process.isRunning {
            if Date().timeIntervalSince(start) > limit {
                timedOut = true
                kill(process.processIdentifier, SIGKILL)
                break
            }
            usleep(10_000)
        }
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        let out = (try? String(contentsOfFile: base + ".out", encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? ""
        return Result(status: process.terminationStatus, stdout: out, stderr: err, timedOut: timedOut,
                      signalled: process.terminationReason == .uncaughtSignal, seconds: seconds)
    }

    /// A seeded database in `folder`, and its bytes (to compare after a refused input).
    static func seeded(in folder: String) throws -> (path: String, bytes: Data) {
        let db = folder + "/lab.db"
        let result = try run(["init", "--db", db, "--seed", LabdbProcess.seed], limit: 60)
        guard result.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: result.stderr]) }
        return (db, FileManager.default.contents(atPath: db) ?? Data())
    }
}
