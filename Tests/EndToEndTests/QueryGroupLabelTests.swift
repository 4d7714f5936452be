import LabTestSupport
import Foundation
import Testing

/// `count by` / `sum by` over objects without a value: a labelled group for people, null for scripts.
@Suite("labdb query: the empty group of count by / sum by", .serialized)
struct QueryGroupLabelTests {
    @Test("table output labels the empty group (none); json keeps null; csv leaves it empty")
    func emptyGroupLabel() throws {
        let folder = try TemporaryFolder()
        let db = folder.file("lab.db")
        #expect(try LabdbProcess.run(["init", "--db", db, "--seed", LabdbProcess.seed]).status == 0)
        let table = try LabdbProcess.run(["query", "vms sum ram by cluster", "--db", db])
        #expect(table.status == 0)
        #expect(table.stdout.split(separator: "\n").contains("(none)   16.5 GiB"))
        let json = try LabdbProcess.run(["query", "vms count by cluster", "--db", db, "--format", "json"])
        #expect(json.stdout.contains("{\"cluster\":null,\"count\":5}"))
        #expect(!json.stdout.contains("(none)"))
        let csv = try LabdbProcess.run(["query", "vms count by cluster", "--db", db, "--format", "csv"])
        #expect(csv.stdout.split(separator: "\n").contains(",5"))
    }

    @Test("a plain listing still shows an empty cell for a null field")
    func plainNullStaysBlank() throws {
        let folder = try TemporaryFolder()
        let db = folder.file("lab.db")
        #expect(try LabdbProcess.run(["init", "--db", db, "--seed", LabdbProcess.seed]).status == 0)
        let table = try LabdbProcess.run(["query", "vms where cluster is null select name, cluster", "--db", db])
        #expect(table.status == 0)
        #expect(!table.stdout.contains("(none)"))
    }
}
