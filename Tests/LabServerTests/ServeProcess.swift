import Foundation
import LabDNS
import LabTestSupport

/// A real `labdb serve` process on 127.0.0.1 and an ephemeral port, over a seeded database
/// in its own temporary folder; stopped with SIGTERM when released.
final class ServeProcess: @unchecked Sendable {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = root.appendingPathComponent(".build/debug/labdb").path
    static let seed = root.appendingPathComponent("seed/homelab.yaml").path

    let folder: TemporaryFolder
    let database: String
    let process = Process()
    private let errors = Pipe()
    private let logLock = NSLock()
    private var logText = ""
    private(set) var port = 0
    /// The external-dns webhook's port, when started with `--external-dns-listen`.
    private(set) var webhookPort = 0

    /// Seeds a database (or uses `labFile`) and starts the server with `arguments`.
    init(arguments: [String] = [], labFile: String? = nil, environment: [String: String] = [:]) throws {
        folder = try TemporaryFolder()
        database = folder.file("lab.db")
        if let labFile {
            try labFile.write(toFile: folder.file("lab.yaml"), atomically: true, encoding: .utf8)
        } else {
            try FileManager.default.copyItem(atPath: ServeProcess.seed, toPath: folder.file("lab.yaml"))
        }
        let seeded = try ServeProcess.labdb(["--db", database, "init", "--seed", folder.file("lab.yaml")])
        guard seeded.status == 0 else { throw ServeError("init failed: \(seeded.stderr)") }
        process.executableURL = URL(fileURLWithPath: ServeProcess.binary)
        process.arguments = ["--db", database, "serve", "--listen", "127.0.0.1:0"] + arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "LABDB_DB")
        env.removeValue(forKey: "LABDB_LISTEN")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        errors.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.logLock.withLock { self.logText += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        let wantsWebhook = arguments.contains("--external-dns-listen")
        while Date() < deadline {
            let text = log
            if let match = text.firstMatch(of: /listening on http:\/\/127\.0\.0\.1:(\d+)/) {
                port = Int(match.1)!
                guard wantsWebhook else { return }
                if let hook = text.firstMatch(of: /external-dns webhook on http:\/\/127\.0\.0\.1:(\d+)/) {
                    webhookPort = Int(hook.1)!
                    return
                }
            }
            if !process.isRunning { throw ServeError("labdb serve exited: \(log)") }
            usleep(20_000)
        }
        process.terminate()
        throw ServeError("labdb serve did not start in 20 s: \(log)")
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        errors.fileHandleForReading.readabilityHandler = nil
    }

    /// Everything the server wrote on stderr so far (its access log).
    var log: String { logLock.withLock { logText } }

    var base: String { "http://127.0.0.1:\(port)" }

    /// Sends SIGTERM and waits for the exit status.
    func stop() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// One HTTP request to the server.
    func request(_ method: String, _ path: String, token: String? = nil, body: String? = nil,
                 headers: [(String, String)] = []) throws -> HTTPResponse {
        var all = headers.map { HTTPHeader($0.0, $0.1) }
        if let token { all.append(HTTPHeader("Authorization", "Bearer \(token)")) }
        return try CurlTransport(timeout: 60).send(HTTPRequest(method: method, url: base + path, headers: all, body: body.map { Data($0.utf8) }))
    }

    /// Runs the labdb command line on this server's database.
    func cli(_ arguments: [String], stdin: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        try ServeProcess.labdb(["--db", database] + arguments, stdin: stdin)
    }

    /// Creates a token with `scope` through the command line and returns it (an external-dns
    /// token for the prod cluster).
    func token(_ name: String, scope: String, expires: String? = nil) throws -> String {
        let cluster = scope == "external-dns" ? ["--cluster", "prod"] : []
        let result = try cli(["token", "create", name, "--scope", scope] + cluster + (expires.map { ["--expires", $0] } ?? []))
        guard result.status == 0 else { throw ServeError("token create failed: \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The database's content as SQL text (`sqlite3 .dump`), to compare before and after;
    /// without the tokens' rows, whose `last_used_at` every authenticated request may update.
    func dump() throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database, ".dump"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").filter { !$0.hasPrefix("INSERT INTO api_tokens ") }.joined(separator: "\n")
    }

    static func labdb(_ arguments: [String], stdin: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let result = try ProcessRun.run(binary, arguments, stdin: stdin)
        return (result.status, result.stdout, result.stderr)
    }
}

struct ServeError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension HTTPResponse {
    /// The body as text.
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as JSON.
    var json: Any? { try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) }

    /// The body as a JSON object.
    var object: [String: Any] { json as? [String: Any] ?? [:] }

    /// The body as a JSON array of objects.
    var rows: [[String: Any]] { json as? [[String: Any]] ?? [] }
}

extension ServeProcess {
    /// A GET to any loopback URL (another server started by a test).
    static func get(_ url: String) throws -> HTTPResponse {
        try CurlTransport(timeout: 10).send(HTTPRequest(method: "GET", url: url))
    }
}
