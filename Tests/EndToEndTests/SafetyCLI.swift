import Foundation

/// Runs the built `labdb` binary (and a few system tools) for the safety end-to-end tests.
struct SafetyCLI {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let binary = root + "/.build/debug/labdb"

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Whether the process ended by a signal (e.g. our kill -9) rather than exiting.
        var signalled: Bool
    }

    /// A started process whose output is collected in files (no pipe can fill up and block it).
    final class Running {
        let process = Process()
        let stdoutPath: String
        let stderrPath: String

        init(_ executable: String, _ arguments: [String], environment: [String: String]) throws {
            let base = FileManager.default.temporaryDirectory.appendingPathComponent("labdb-safety-out-\(UUID().uuidString)").path
            stdoutPath = base + ".out"
            stderrPath = base + ".err"
            _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
            _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            var env = ProcessInfo.processInfo.environment
            env.removeValue(forKey: "LABDB_DB")
            for (key, value) in environment { env[key] = value }
            process.environment = env
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
            try process.run()
        }

        var pid: Int32 { process.processIdentifier }

        func kill9() { kill(process.processIdentifier, SIGKILL) }

        func wait() -> Result {
            process.waitUntilExit()
            let out = (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? ""
            let err = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(atPath: stdoutPath)
            try? FileManager.default.removeItem(atPath: stderrPath)
            return Result(status: process.terminationStatus, stdout: out, stderr: err, signalled: process.terminationReason == .uncaughtSignal)
        }
    }

    /// Starts `labdb arguments`, optionally as another user (through setpriv). `executable`
    /// defaults to the build's binary; another user needs ``copyForOthers(_:into:)``'s copy.
    static func start(_ arguments: [String], asUser uid: Int? = nil, executable: String = binary,
                      environment: [String: String] = [:]) throws -> Running {
        if let uid {
            return try Running("/usr/bin/setpriv", ["--reuid=\(uid)", "--regid=\(uid)", "--clear-groups", executable] + arguments,
                               environment: environment)
        }
        return try Running(executable, arguments, environment: environment)
    }

    /// Runs `labdb arguments` to the end.
    @discardableResult
    static func run(_ arguments: [String], asUser uid: Int? = nil, executable: String = binary,
                    environment: [String: String] = [:]) throws -> Result {
        try start(arguments, asUser: uid, executable: executable, environment: environment).wait()
    }

    /// Copies `paths` (the labdb binary, the seed) into `folder` so that any user may read
    /// and run them: the checkout may lie in a folder only its owner can enter (a clone under
    /// a private temporary folder, a home with mode 700). Returns the copies' paths, in order.
    static func copyForOthers(_ paths: [String], into folder: String) throws -> [String] {
        chmod(folder, 0o755)
        return try paths.map { path in
            let copy = folder + "/" + URL(fileURLWithPath: path).lastPathComponent
            try? FileManager.default.removeItem(atPath: copy)
            try FileManager.default.copyItem(atPath: path, toPath: copy)
            chmod(copy, FileManager.default.isExecutableFile(atPath: path) ? 0o755 : 0o644)
            return copy
        }
    }

    /// Runs a system tool (mount, umount) to the end.
    @discardableResult
    static func tool(_ path: String, _ arguments: [String]) throws -> Result {
        try Running(path, arguments, environment: [:]).wait()
    }

    /// Runs one SQL statement through the sqlite3 shell and returns its output, trimmed.
    static func sql(_ database: String, _ statement: String) throws -> String {
        try Running("/usr/bin/sqlite3", [database, statement], environment: [:]).wait().stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A lab file with `vms` guests (each with an address, a tag and a disk) on `hosts` hosts.
    static func generatedLab(vms: Int, hosts: Int = 40, prefix: String = "vm") -> String {
        var lines = ["prefixes:", "  - cidr: 10.0.0.0/16", "    ranges:",
                     "      - {name: pool, first: 10.0.0.10, last: 10.0.255.250, purpose: static}", "hosts:"]
        for h in 0..<hosts {
            lines += ["  - name: h\(h)", "    kind: server", "    cpus: 64", "    ram: 1T", "    pools: [{name: data, type: lvm-thin, size: 100T}]"]
        }
        lines.append(vms > 0 ? "vms:" : "vms: []")
        for v in 0..<vms {
            let a = 10 + v
            lines += ["  - name: \(prefix)\(v)", "    host: h\(v % hosts)", "    cpus: 1", "    ram: 1G", "    tags: [gen]",
                      "    addresses: [{ip: 10.0.\(a / 256).\(a % 256)}]", "    disks: [{name: d0, size: 10G, pool: data}]"]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A fresh temporary folder.
    static func scratch() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("labdb-safety-e2e-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    static func bytes(_ path: String) -> Data? { try? Data(contentsOf: URL(fileURLWithPath: path)) }

    static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}
