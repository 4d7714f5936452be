import LabTestSupport
import Testing
@testable import LabStore

@Suite("Change context made when first needed")
struct ChangeContextTests {
    /// Counts how often the context-making closure ran.
    final class Calls {
        var count = 0
    }

    @Test("a context set to be made when needed is made once, by the first write, and a plain set replaces it")
    func madeOnceByTheFirstWrite() throws {
        let folder = try TemporaryFolder()
        let db = try Database(path: folder.file("lab.db"))
        try db.execute("CREATE TABLE t (x INTEGER) STRICT")
        let calls = Calls()
        db.setChangeContext {
            calls.count += 1
            return ChangeContext(user: "alice", command: "labdb query 'add ...'")
        }
        _ = try db.query("SELECT count(*) FROM t")
        #expect(calls.count == 0, "a read made the context")
        try db.transaction { try db.execute("INSERT INTO t VALUES (1)") }
        #expect(calls.count == 1)
        #expect(db.changeContext == ChangeContext(user: "alice", command: "labdb query 'add ...'"))
        try db.transaction { try db.execute("INSERT INTO t VALUES (2)") }
        #expect(calls.count == 1, "the context was made again")

        db.setChangeContext {
            calls.count += 1
            return ChangeContext(user: "bob", command: "labdb import")
        }
        db.changeContext = nil
        #expect(db.changeContext == nil)
        #expect(calls.count == 1, "a context replaced by nil was still made")
    }
}
