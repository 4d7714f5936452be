import LabOperations
import LabModel
import Testing

/// `QueryExecutor.tableText` (a read's rows written as table output while they are read) must
/// print exactly what rendering `run`'s result table prints, and leave every other statement
/// to `run`.
@Suite("Reads written as table text", .serialized)
struct TableTextTests {
    @Test("reads print the same text as the rendered result table: empty, grouped with (none), sizes, lists, addresses")
    func readsMatchTheRenderedTable() throws {
        let lab = try ShellTestLab()
        defer { lab.remove() }
        let executor = try lab.executor()
        let reads = [
            "hosts", "vms", "ips", "records", "ranges", "prefixes", "pools", "disks", "zones",
            "vms count by cluster", "vms count by host sort by count desc",
            "hosts where ram >= 64G select name, cpus, ram sort by ram desc, name",
            "hosts where name = no-such-host",
        ]
        for statement in reads {
            guard case .table(let table) = try executor.run(statement) else {
                Issue.record("\(statement) gave no table")
                continue
            }
            let text = try #require(try executor.tableText(statement), "\(statement)")
            #expect(text == OutputFormat.table.render(table), "\(statement)")
        }
        #expect(try executor.tableText("hosts where name = no-such-host") == "(no rows)\n")
    }

    @Test("writes, capacity statements and errors are left to run, which gives the same errors")
    func otherStatementsAreLeftToRun() throws {
        let lab = try ShellTestLab()
        defer { lab.remove() }
        let executor = try lab.executor()
        #expect(try executor.tableText("capacity") == nil)
        #expect(try executor.tableText("set hosts z440 cpus = 24") == nil)
        #expect(try lab.database.scalar("SELECT cpus FROM machines WHERE name = 'z440'")?.int != 24, "tableText ran a write")
        let fromTableText = #expect(throws: ExecutionError.self) { try executor.tableText("hosts where nonsense") }
        let fromRun = #expect(throws: ExecutionError.self) { try executor.run("hosts where nonsense") }
        #expect(fromTableText?.rendered == fromRun?.rendered)
    }
}
