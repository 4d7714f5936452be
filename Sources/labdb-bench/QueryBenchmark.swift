import Foundation
import LabIP
import LabModel
import LabQuery
import LabStore

/// `labdb-bench query --labdb PATH [--hosts N] [--addresses N] [--runs N]`
///
/// Builds a generated lab (10,000 hosts and 100,000 addresses by default), then measures
/// side by side, in one run:
/// - a filtered, sorted statement through `labdb query` vs the equivalent SQL through the
///   `sqlite3` command-line tool (both as processes, median of `runs`);
/// - the same statement compiled and run in-process vs the hand-written SQL in-process;
/// - shell start-up to ready (`echo .quit | labdb`) vs `sqlite3 .quit`.
enum QueryBenchmark {
    struct Case {
        let name: String
        let statement: String
        let sql: String
    }

    static func run(_ arguments: [String]) throws {
        func option(_ name: String) -> String? {
            arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
        }
        guard let labdb = option("--labdb") else {
            throw QueryBenchmarkFailure("usage: labdb-bench query --labdb PATH/TO/labdb [--hosts N] [--addresses N] [--runs N]")
        }
        let hosts = Int(option("--hosts") ?? "") ?? 10_000
        let addresses = Int(option("--addresses") ?? "") ?? 100_000
        let runs = Int(option("--runs") ?? "") ?? 20
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("labdb-bench-query-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lab.db").path

        let generation = BenchClock.now()
        let database = try LabDatabase.open(path: path)
        try generate(database, hosts: hosts, addresses: addresses)
        print("generated \(hosts) hosts and \(addresses) addresses in \(format(Double(BenchClock.now() - generation) / 1e6)) ms")

        let first = IPAddress("10.0.64.0")!.bytes.map { String(format: "%02X", $0) }.joined()
        let last = IPAddress("10.0.127.255")!.bytes.map { String(format: "%02X", $0) }.joined()
        let cases = [
            Case(name: "hosts: ram >= 256G and cpus >= 32, by ram desc",
                 statement: "hosts where ram >= 256G and cpus >= 32 select name, cpus, ram sort by ram desc, name limit 50",
                 sql: "SELECT t.name, t.cpus, t.ram_bytes FROM machines t WHERE t.kind NOT IN ('vm', 'lxc') AND t.ram_bytes >= 274877906944 AND t.cpus >= 32 ORDER BY t.ram_bytes DESC, t.name LIMIT 50"),
            Case(name: "hosts: ram >= 64G, all rows by ram desc",
                 statement: "hosts where ram >= 64G select name, cpus, ram sort by ram desc, name",
                 sql: "SELECT t.name, t.cpus, t.ram_bytes FROM machines t WHERE t.kind NOT IN ('vm', 'lxc') AND t.ram_bytes >= 68719476736 ORDER BY t.ram_bytes DESC, t.name"),
            Case(name: "ips: in 10.0.64.0/18 and dns ~ 'host-1*', by dns",
                 statement: "ips where ip in 10.0.64.0/18 and dns ~ 'host-1*' select ip, dns sort by dns limit 100",
                 sql: "SELECT t.family || ',' || hex(t.address), t.dns_name FROM addresses t WHERE t.family = 4 AND t.address BETWEEN x'\(first)' AND x'\(last)' AND t.dns_name GLOB 'host-1*' ORDER BY t.dns_name LIMIT 100"),
        ]

        var rows: [[String]] = []
        for benchCase in cases {
            // labdb and sqlite3 alternate, so that drift on a shared machine hits both alike.
            var labdbTimes: [Double] = [], sqliteTimes: [Double] = []
            for _ in 0..<runs {
                labdbTimes.append(try timeProcess(labdb, ["--db", path, "query", benchCase.statement]))
                sqliteTimes.append(try timeProcess("sqlite3", [path, benchCase.sql]))
            }
            let labdbMedian = BenchClock.percentile(labdbTimes, 50), sqliteMedian = BenchClock.percentile(sqliteTimes, 50)
            rows.append([benchCase.name + " (process)", format(labdbMedian), format(sqliteMedian) + " (sqlite3 CLI)", String(format: "%.2fx", labdbMedian / sqliteMedian)])

            let compiled = try compile(benchCase.statement)
            var count = 0
            let (language, raw) = try BenchClock.alternating(runs * 5, {
                let query = try compile(benchCase.statement)
                count = try database.query(query.sql, query.arguments.map(sqlValue)).count
            }, { count = try database.query(benchCase.sql).count })
            _ = compiled
            let languageMedian = BenchClock.percentile(language, 50), rawMedian = BenchClock.percentile(raw, 50)
            rows.append([benchCase.name + " (in-process, \(count) rows)", format(languageMedian), format(rawMedian) + " (SQL)", String(format: "%.2fx", languageMedian / rawMedian)])
        }
        var startup: [Double] = [], sqliteStartup: [Double] = []
        for _ in 0..<runs {
            startup.append(try timeProcess(labdb, ["--db", path], input: ".quit\n"))
            sqliteStartup.append(try timeProcess("sqlite3", [path], input: ".quit\n"))
        }
        rows.append(["shell start-up to ready (echo .quit | labdb)", format(BenchClock.percentile(startup, 50)), format(BenchClock.percentile(sqliteStartup, 50)) + " (sqlite3)",
                     String(format: "%.2fx", BenchClock.percentile(startup, 50) / BenchClock.percentile(sqliteStartup, 50))])

        printTable(["measurement (median of \(runs))", "labdb ms", "baseline ms", "ratio"], rows)
        print("targets: query within 2x of the sqlite3 CLI; shell ready within 50 ms")
    }

    static func compile(_ statement: String) throws -> CompiledQuery {
        guard case .read(let read) = try Binder().bind(try Parser.parse(statement)) else { throw QueryBenchmarkFailure("not a read: \(statement)") }
        return SQLCompiler().compile(read)
    }

    static func sqlValue(_ value: QueryValue) -> SQLValue {
        switch value {
        case .null: return .null
        case .integer(let v): return .integer(v)
        case .real(let v): return .real(v)
        case .text(let v): return .text(v)
        case .blob(let v): return .blob(v)
        }
    }

    /// Inserts `hosts` servers and `addresses` addresses spread over them, in one transaction.
    static func generate(_ database: Database, hosts: Int, addresses: Int) throws {
        var random = SystemRandomNumberGenerator()
        try database.transaction {
            let network = IPNetwork("10.0.0.0/8")!
            try database.execute("INSERT INTO prefixes (name, family, network, last, length) VALUES ('bench', 4, ?, ?, 8)",
                                 [.blob(network.first.bytes), .blob(network.last.bytes)])
            let prefix = database.lastInsertRowID
            for index in 0..<hosts {
                try database.execute("INSERT INTO machines (name, kind, cpus, ram_bytes) VALUES (?, 'server', ?, ?)",
                                     [.text("host-\(index)"), .integer(Int64.random(in: 1...64, using: &random)),
                                      .integer(Int64.random(in: 1...512, using: &random) << 30)])
            }
            for index in 0..<addresses {
                let address = network.first.advanced(by: UInt128(index + 1))!
                try database.execute("INSERT INTO addresses (family, address, prefix_id, machine_id, dns_name, position) VALUES (4, ?, ?, ?, ?, ?)",
                                     [.blob(address.bytes), .integer(prefix), .integer(Int64(index % hosts + 1)),
                                      .text("host-\(index % hosts)-\(index / hosts).bench.lab"), .integer(Int64(index / hosts))])
            }
        }
        try database.execute("ANALYZE")
    }

    /// Runs a process to its end and returns its wall time in milliseconds. Spawned with
    /// posix_spawn (Foundation's Process adds tens of milliseconds per launch here), standard
    /// output to /dev/null, standard input from `input` (through a file) or /dev/null.
    static func timeProcess(_ executable: String, _ arguments: [String], input: String? = nil) throws -> Double {
        var inputPath = "/dev/null"
        if let input {
            inputPath = FileManager.default.temporaryDirectory.appendingPathComponent("labdb-bench-input-\(ProcessInfo.processInfo.processIdentifier)").path
            try input.write(toFile: inputPath, atomically: true, encoding: .utf8)
        }
        // The input file is the benchmark's own: it goes when the run is timed.
        defer { if input != nil { try? FileManager.default.removeItem(atPath: inputPath) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inputPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = BenchClock.now()
        let rc = posix_spawnp(&pid, executable, &actions, nil, argv, environ)
        guard rc == 0 else { throw QueryBenchmarkFailure("cannot start \(executable): error \(rc)") }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        let elapsed = Double(BenchClock.now() - start) / 1e6
        guard status == 0 else { throw QueryBenchmarkFailure("\(executable) \(arguments) failed (status \(status))") }
        return elapsed
    }

    static func format(_ milliseconds: Double) -> String { String(format: "%.2f", milliseconds) }

    static func printTable(_ header: [String], _ rows: [[String]]) {
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in i == 0 ? cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                : String(repeating: " ", count: widths[i] - cell.count) + cell }.joined(separator: "  ")
        }
        print(line(header))
        print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        for row in rows { print(line(row)) }
    }
}

/// A benchmark that cannot run, with the reason.
struct QueryBenchmarkFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
