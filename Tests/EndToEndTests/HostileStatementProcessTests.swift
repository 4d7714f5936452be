import Foundation
import LabTestSupport
import Testing

/// Issue 18, defects 1, 2, 3 and 7: statements that crashed, leaked SQLite's words, took
/// quadratic time or were cut at a NUL, run through the built binary under a time limit.
@Suite("Hostile statements through the binary", .serialized)
struct HostileStatementProcessTests {
    @Test("5,000-term and/or chains run (no crash, no SQLite parser error); 10,000 are refused by labdb")
    func longChains() throws {
        let folder = try TemporaryFolder()
        let (db, before) = try TimedLabdb.seeded(in: folder.path)
        for op in ["and", "or"] {
            let statement = "hosts where " + Array(repeating: "cpus = 1", count: 5_000).joined(separator: " \(op) ") + ";\n"
            let run = try TimedLabdb.run(["--db", db], stdin: statement, limit: 30)
            #expect(!run.signalled && !run.timedOut, "\(op): crashed or hung")
            #expect(run.status == 0, "\(op): \(run.stderr.prefix(300))")
            #expect(run.stdout.contains("(no rows)"))
        }
        let huge = "hosts where " + Array(repeating: "cpus = 1", count: 10_000).joined(separator: " and ")
        let query = try TimedLabdb.run(["query", huge, "--db", db], limit: 30)
        #expect(!query.signalled && !query.timedOut)
        #expect(query.status == 1)
        #expect(query.stderr.contains("the condition holds more than 8000 tests and values"))
        #expect(FileManager.default.contents(atPath: db) == before)
    }

    @Test("nesting SQLite cannot compile is refused in labdb's words at the where clause, never 'parser stack overflow'")
    func deepNesting() throws {
        let folder = try TemporaryFolder()
        let (db, _) = try TimedLabdb.seeded(in: folder.path)
        // Each level: a chain of 65 tests, the nested part last (SQLite's parser keeps every pending AND/OR).
        func level(_ depth: Int) -> String {
            guard depth > 0 else { return "tags = x" }
            let terms = Array(repeating: "tags != y", count: 65) + [level(depth - 1)]
            return "(" + terms.joined(separator: depth % 2 == 0 ? " and " : " or ") + ")"
        }
        for depth in [16, 40, 70] {
            let run = try TimedLabdb.run(["--db", db], stdin: "hosts where " + level(depth) + ";\n", limit: 30)
            #expect(!run.signalled && !run.timedOut)
            #expect(run.status == 1, "depth \(depth)")
            #expect(!run.stderr.contains("parser stack"), "depth \(depth): \(run.stderr.prefix(200))")
            #expect(!run.stderr.contains("Expression tree"))
            #expect(run.stderr.contains("too complex to run") || run.stderr.contains("nests too deeply"), "depth \(depth): \(run.stderr.prefix(200))")
        }
        let nots = try TimedLabdb.run(["--db", db], stdin: "hosts where " + String(repeating: "not ", count: 5_000) + "cpus = 1;\n", limit: 30)
        #expect(nots.status == 0, "\(nots.stderr.prefix(200))")
    }

    @Test("a statement over 4,000 lines piped to the shell runs in linear time")
    func manyLines() throws {
        let folder = try TemporaryFolder()
        let (db, _) = try TimedLabdb.seeded(in: folder.path)
        let script = "hosts where cpus = 1\n" + String(repeating: "and cpus = 1\n", count: 4_000) + ";\n"
        let run = try TimedLabdb.run(["--db", db], stdin: script, limit: 10)
        #expect(!run.timedOut, "4,000 lines took more than 10 s")
        #expect(run.status == 0)
        #expect(run.stdout.contains("(no rows)"))
        // 100,000 comment lines inside one statement: quadratic splitting would take minutes.
        let comments = "hosts select name\n" + String(repeating: "  -- more\n", count: 100_000) + "limit 1;\n"
        let long = try TimedLabdb.run(["--db", db], stdin: comments, limit: 15)
        #expect(!long.timedOut, "100,000 lines took more than 15 s")
        #expect(long.stdout.contains("(1 row)"))
    }

    @Test("a NUL byte in a statement is refused with its line; nothing is stored, the database is byte-identical")
    func nulInStatement() throws {
        let folder = try TemporaryFolder()
        let (db, before) = try TimedLabdb.seeded(in: folder.path)
        var input = Data("hosts select name limit 1;\nset vms vault description = 'a".utf8)
        input.append(0)
        input.append(contentsOf: Array("bcd';\n".utf8))
        let run = try TimedLabdb.run(["--db", db], input: input, limit: 30)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("error near line 2: the statement contains a NUL character (byte 0)"), "\(run.stderr)")
        #expect(FileManager.default.contents(atPath: db) == before)
        let shown = try TimedLabdb.run(["query", "vms where name = vault select description", "--db", db, "--format", "json"], limit: 30)
        #expect(!shown.stdout.contains("\"a\""))
    }
}
