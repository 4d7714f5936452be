import LabTestSupport
import Foundation
import Testing

/// `labdb query 'STATEMENT'` skips the full argument parser; it must behave exactly as the full one.
@Suite("labdb query: the fast path matches the full parser", .serialized)
struct QueryFastPathTests {
    @Test("flags in any place and form give the same output as through the full parser")
    func sameOutput() throws {
        let folder = try TemporaryFolder()
        let db = folder.file("lab.db")
        #expect(try LabdbProcess.run(["init", "--db", db, "--seed", LabdbProcess.seed]).status == 0)
        let statement = "vms where ram >= 8G sort by ram desc"
        let fast = try LabdbProcess.run(["query", statement, "--db", db, "--format=json"])
        // `--continue` is not fast-path material: this run goes through the full parser.
        let full = try LabdbProcess.run(["query", "--continue", statement, "--db", db, "--format", "json"])
        let hoisted = try LabdbProcess.run(["--db", db, "--format", "json", "query", statement])
        #expect(fast.status == 0)
        #expect(fast.stdout == full.stdout)
        #expect(fast.stdout == hoisted.stdout)
        #expect(fast.stdout.contains("\"name\":\"prod-worker-01\""))
    }

    @Test("a bad statement exits 1 with a caret; a bad format exits 2; no statement exits 2")
    func errors() throws {
        let folder = try TemporaryFolder()
        let db = folder.file("lab.db")
        #expect(try LabdbProcess.run(["init", "--db", db, "--seed", LabdbProcess.seed]).status == 0)
        let bad = try LabdbProcess.run(["query", "hosts wher cpus > 2", "--db", db])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("did you mean 'where'?"))
        #expect(bad.stderr.contains("^^^^"))
        let format = try LabdbProcess.run(["query", "hosts", "--db", db, "--format", "xml"])
        #expect(format.status == 2)
        #expect(format.stderr.contains("--format"))
        let missing = try LabdbProcess.run(["query", "--db", db])
        #expect(missing.status == 2)
    }
}
