import Foundation
import LabIP
import LabModel
import LabQuery
import LabStore

/// `labdb-bench query --labdb PATH [--hosts N] [--addresses N] [--runs N] [--keep DIR]`
///
/// Builds a generated lab (10,000 hosts and 100,000 addresses by default), then measures,
/// labdb and its baseline alternating run by run (median of `runs` each):
/// - a filtered, sorted statement through `labdb query` vs the same SQL through the `sqlite3`
///   shell (both as processes), and compiled and run in-process vs the SQL in-process;
/// - the unlimited table (every host with ram ≥ 64G, about 8,800 rows) and an address
///   query, as processes;
/// - shell start-up to ready (`labdb < .quit`) vs `sqlite3 < .quit`.
/// `--keep DIR` keeps the generated database as DIR/lab.db.
enum QueryBenchmark {
    struct Case {
        let name: String
        let statement: String
        let sql: String
    }

    /// Targets: a query within 2× the sqlite3 shell, the unlimited table within 1.5×,
    /// the shell ready within 50 ms.
    static let queryTarget = 2.0, tableTarget = 1.5, readyTarget = 50.0

    static func run(_ arguments: [String]) throws {
        let options = BenchOptions.pairs(arguments)
        guard let labdb = options["--labdb"] else {
            throw BenchFailure("usage: labdb-bench query --labdb PATH/TO/labdb [--hosts N] [--addresses N] [--runs N] [--keep DIR]")
        }
        let hosts = Int(options["--hosts"] ?? "") ?? 10_000
        let addresses = Int(options["--addresses"] ?? "") ?? 100_000
        let runs = Int(options["--runs"] ?? "") ?? 20
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("labdb-bench-query-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lab.db").path

        let generation = BenchClock.now()
        let database = try LabDatabase.open(path: path)
        try generate(database, hosts: hosts, addresses: addresses)
        try database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        BenchTable.note("query: generated \(hosts) hosts and \(addresses) addresses in \(BenchTable.ms(Double(BenchClock.now() - generation) / 1e6)); \(runs) runs each")
        if let keep = options["--keep"] {
            try FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(atPath: keep + "/lab.db")
            try FileManager.default.copyItem(atPath: path, toPath: keep + "/lab.db")
            BenchTable.note("query: kept the database as \(keep)/lab.db")
        }

        let first = IPAddress("10.0.64.0")!.bytes.map { String(format: "%02X", $0) }.joined()
        let last = IPAddress("10.0.127.255")!.bytes.map { String(format: "%02X", $0) }.joined()
        let filtered = Case(name: "filtered query (ram ≥ 256G and cpus ≥ 32, sorted, limit 50)",
                            statement: "hosts where ram >= 256G and cpus >= 32 select name, cpus, ram sort by ram desc, name limit 50",
                            sql: "SELECT t.name, t.cpus, t.ram_bytes FROM machines t WHERE t.kind NOT IN ('vm', 'lxc') AND t.ram_bytes >= 274877906944 AND t.cpus >= 32 ORDER BY t.ram_bytes DESC, t.name LIMIT 50")
        let unlimited = Case(name: "unlimited table (ram ≥ 64G, sorted)",
                             statement: "hosts where ram >= 64G select name, cpus, ram sort by ram desc, name",
                             sql: "SELECT t.name, t.cpus, t.ram_bytes FROM machines t WHERE t.kind NOT IN ('vm', 'lxc') AND t.ram_bytes >= 68719476736 ORDER BY t.ram_bytes DESC, t.name")
        let address = Case(name: "address query (ip in a /18 and dns ~ 'host-1*', limit 100)",
                           statement: "ips where ip in 10.0.64.0/18 and dns ~ 'host-1*' select ip, dns sort by dns limit 100",
                           sql: "SELECT t.family || ',' || hex(t.address), t.dns_name FROM addresses t WHERE t.family = 4 AND t.address BETWEEN x'\(first)' AND x'\(last)' AND t.dns_name GLOB 'host-1*' ORDER BY t.dns_name LIMIT 100")

        var table = BenchTable()
        var worstQuery = 0.0
        func asProcesses(_ benchCase: Case) throws -> Double {
            let (labdbTimes, sqliteTimes) = try alternatingProcesses(runs, (labdb, ["--db", path, "query", benchCase.statement]),
                                                                     ("sqlite3", [path, benchCase.sql]))
            let l = BenchClock.percentile(labdbTimes, 50), s = BenchClock.percentile(sqliteTimes, 50)
            let rows = try database.query(benchCase.sql).count
            table.add(["\(benchCase.name), \(BenchTable.grouped(rows)) rows, process", BenchTable.ms(l), BenchTable.ms(s) + " (sqlite3 shell)", BenchTable.ratio(l, s)])
            return l / s
        }

        worstQuery = max(worstQuery, try asProcesses(filtered))
        var count = 0
        let (language, raw) = try BenchClock.alternating(runs * 5, {
            let query = try compile(filtered.statement)
            count = try database.query(query.sql, query.arguments.map(sqlValue)).count
        }, { count = try database.query(filtered.sql).count })
        let languageMedian = BenchClock.percentile(language, 50), rawMedian = BenchClock.percentile(raw, 50)
        table.add(["\(filtered.name), \(count) rows, in-process (compile and run)", BenchTable.ms(languageMedian), BenchTable.ms(rawMedian) + " (the SQL)",
                   BenchTable.ratio(languageMedian, rawMedian)])
        let tableRatio = try asProcesses(unlimited)
        worstQuery = max(worstQuery, try asProcesses(address))

        let quit = folder.appendingPathComponent("quit.txt").path
        try ".quit\n".write(toFile: quit, atomically: true, encoding: .utf8)
        let (startup, sqliteStartup) = try alternatingProcesses(runs, (labdb, ["--db", path]), ("sqlite3", [path]), input: quit)
        let ready = BenchClock.percentile(startup, 50), sqliteReady = BenchClock.percentile(sqliteStartup, 50)
        table.add(["shell ready (`.quit` piped in), process", BenchTable.ms(ready), BenchTable.ms(sqliteReady) + " (sqlite3 shell)", BenchTable.ratio(ready, sqliteReady)])

        table.footnote("\(BenchTable.grouped(hosts)) hosts, \(BenchTable.grouped(addresses)) addresses; median of \(runs) alternating runs (labdb, baseline, ...), output to /dev/null.")
        table.footnote("target: a query within \(Int(queryTarget))× the sqlite3 shell: \(worstQuery <= queryTarget ? "met" : "NOT met")")
        table.footnote("target: the unlimited table within \(tableTarget)× the sqlite3 shell: \(tableRatio <= tableTarget ? "met" : "NOT met")")
        table.footnote("target: shell ready within \(Int(readyTarget)) ms: \(ready <= readyTarget ? "met" : "NOT met")")
        table.print()
    }

    static func compile(_ statement: String) throws -> CompiledQuery {
        guard case .read(let read) = try Binder().bind(try Parser.parse(statement)) else { throw BenchFailure("not a read: \(statement)") }
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
        var random = BenchRandom(seed: 17)
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

    /// Runs `a` and `b` as processes in turn (A B A B ...) `count` times each; their wall
    /// times in milliseconds.
    static func alternatingProcesses(_ count: Int, _ a: (String, [String]), _ b: (String, [String]),
                                     input: String = "/dev/null") throws -> ([Double], [Double]) {
        var first: [Double] = [], second: [Double] = []
        for _ in 0..<count {
            first.append(try timeProcess(a.0, a.1, input: input))
            second.append(try timeProcess(b.0, b.1, input: input))
        }
        return (first, second)
    }

    /// Runs a process to its end and returns its wall time in milliseconds. Spawned with
    /// posix_spawn (Foundation's Process adds tens of milliseconds per launch here), standard
    /// output to /dev/null, standard input from the file `input`.
    static func timeProcess(_ executable: String, _ arguments: [String], input inputPath: String = "/dev/null") throws -> Double {
        try BenchProcess.time(executable, arguments, input: inputPath)
    }
}
