import Foundation
import LabTestSupport

/// A temporary folder with a labdb database (a /16 with a range `pool`, services p0…p7 and
/// `web`), its Litestream configuration written by `labdb replicate config` (for a moto
/// server), and the environment that holds the S3 keys (never a command line).
final class ReplicaLab: @unchecked Sendable {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = root.appendingPathComponent(".build/debug/labdb").path

    let folder: TemporaryFolder
    let endpoint: String
    var database: String { folder.file("lab.db") }
    var configuration: String { database + ".litestream.yml" }

    /// The environment of every labdb and Litestream process: the keys, no AWS_CA_BUNDLE
    /// (Litestream 0.5.17 refuses to start with it), no LABDB_DB.
    let environment: [String: String]

    /// A lab replicating to `bucket` at `endpoint` (a moto server's, or one where nothing listens).
    init(endpoint: String, bucket: String = "lab", replicaPath: String = "labdb/\(UUID().uuidString)", syncInterval: String = "1s") throws {
        self.endpoint = endpoint
        folder = try TemporaryFolder()
        var environment = ProcessInfo.processInfo.environment
        for key in ["LABDB_DB", "AWS_CA_BUNDLE", "LITESTREAM_CONFIG"] { environment.removeValue(forKey: key) }
        environment["LITESTREAM_ACCESS_KEY_ID"] = "labdb-test"
        environment["LITESTREAM_SECRET_ACCESS_KEY"] = "labdb-test-secret"
        self.environment = environment
        let services = (0..<8).map { "  - name: p\($0)" }.joined(separator: "\n")
        try """
            prefixes:
              - cidr: 10.60.0.0/16
                ranges:
                  - name: pool
                    first: 10.60.0.10
                    last: 10.60.250.0
                    purpose: static
            services:
            \(services)
              - name: web
            """.write(toFile: folder.file("lab.yaml"), atomically: true, encoding: .utf8)
        try require(["init", "--seed", folder.file("lab.yaml")])
        try require(["replicate", "config", "--bucket", bucket, "--endpoint", endpoint, "--path", replicaPath, "--sync-interval", syncInterval])
    }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        let seconds: Double
    }

    /// Runs labdb on this lab's database (unless `database` says otherwise).
    @discardableResult
    func labdb(_ arguments: [String], database: String? = nil, environment extra: [String: String] = [:], removing: [String] = []) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ReplicaLab.binary)
        process.arguments = ["--db", database ?? self.database] + arguments
        var environment = self.environment.merging(extra) { $1 }
        for key in removing { environment.removeValue(forKey: key) }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let started = Date()
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self), seconds: Date().timeIntervalSince(started))
    }

    /// Runs labdb and throws unless it exits 0.
    @discardableResult
    func require(_ arguments: [String], database: String? = nil) throws -> String {
        let result = try labdb(arguments, database: database)
        guard result.status == 0 else { throw ReplicaTestError("labdb \(arguments.joined(separator: " ")) failed: \(result.stderr)") }
        return result.stdout
    }

    /// The allocated addresses of range `pool` in `database`.
    func poolAddresses(database: String? = nil) throws -> Set<String> {
        let text = try require(["ip", "list", "pool", "--format", "json"], database: database)
        guard let rows = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] else { throw ReplicaTestError("ip list is not JSON: \(text)") }
        return Set(rows.compactMap { $0["address"] as? String })
    }

    /// Starts `litestream replicate` (with `exec`, a command it runs as its child) in its
    /// own process group; its output and the child's go to `log`.
    func replicate(exec: String? = nil, extra: String = "", log: String) throws -> ProcessGroup {
        guard let litestream = Tools.find("litestream") else { throw ReplicaTestError("litestream is not installed; run scripts/install-deps") }
        let execPart = exec.map { " -exec '\($0)'" } ?? ""
        return try ProcessGroup(script: "'\(litestream)' replicate -config '\(configuration)'\(execPart) &\n\(extra)\nwait", environment: environment, logPath: log)
    }

    /// Waits (at most `seconds`) until Litestream's log beside the database has a change.
    func waitForFirstSync(seconds: Double = 20) throws {
        let level = folder.path + "/.lab.db-litestream/ltx/0"
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let names = try? FileManager.default.contentsOfDirectory(atPath: level), names.contains(where: { $0.hasSuffix(".ltx") }) { return }
            usleep(50_000)
        }
        throw ReplicaTestError("Litestream wrote nothing beside \(database) within \(Int(seconds)) s")
    }
}
