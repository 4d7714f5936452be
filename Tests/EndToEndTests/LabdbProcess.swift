import Foundation
import LabTestSupport

/// Runs the built `labdb` binary as a user would, capturing its output and exit code.
struct LabdbProcess {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = root.appendingPathComponent(".build/debug/labdb").path
    static let seed = root.appendingPathComponent("seed/homelab.yaml").path

    typealias Result = ProcessRun.Result

    /// Runs `executable` (the labdb binary by default) with `arguments`.
    static func run(_ arguments: [String], executable: String = binary, environment: [String: String] = [:], stdin: String? = nil) throws -> Result {
        try ProcessRun.run(executable, arguments, environment: environment, stdin: stdin)
    }

    /// The SHA-free fingerprint of a file: its bytes (tests compare before and after).
    static func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }
}
