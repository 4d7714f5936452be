import LabOperations
import Foundation
import LabModel
import LabQuery
import LabREPL
import LabStore
import Testing
import LabTestSupport

@Suite("Query shell behaviour")
struct QueryShellBehaviourTests {
    @Test(".read runs a file's statements and stops that file at its first error")
    func readFile() throws {
        let lab = try ShellTestLab()
        defer { lab.remove() }
        let file = lab.folder.appendingPathComponent("script.labdb").path
        try "zones select name;\nvmz;\nclusters select name;\n".write(toFile: file, atomically: true, encoding: .utf8)
        let text = try lab.transcript(of: ".read \(file)\nhosts where kind = server select name;\n")
        #expect(text.contains("mathiaswouters.com"))
        #expect(text.contains("error near line 2 of \(file): unknown entity 'vmz'"))
        #expect(!text.contains("prod\n"), "the file stops at its error")
        #expect(text.contains("z440"), "the outer script goes on (it runs with --continue)")
    }

    @Test(".read nesting is capped: a file that reads itself stops")
    func readNesting() throws {
        let lab = try ShellTestLab()
        defer { lab.remove() }
        let file = lab.folder.appendingPathComponent("self.labdb").path
        try "zones select name;\n.read \(file)\n".write(toFile: file, atomically: true, encoding: .utf8)
        let text = try lab.transcript(of: ".read \(file)\n")
        #expect(text.components(separatedBy: "mathiaswouters.com").count - 1 == 8)
        #expect(text.contains(".read nests more than 8 files deep"))
    }

    @Test("SQL injection attempts as values change nothing in the schema or the data")
    func injection() throws {
        let lab = try ShellTestLab()
        defer { lab.remove() }
        let schema = try lab.schema()
        let machines = try lab.database.scalar("SELECT count(*) FROM machines")
        let attempts = [
            "hosts where name = 'x''; DROP TABLE machines; --';",
            "hosts where name = \"z440\" OR 1=1 --\";",
            "vms of 'z440''); DELETE FROM machines; --';",
            "ips where ip in 'metallb'' OR 1=1; DROP TABLE addresses; --';",
            "hosts where name ~ '*'' ; ATTACH DATABASE ''/tmp/x.db'' AS x; --';",
            "hosts where name =~ ''' OR 1=1; DROP TABLE zones; --';",
            "set vms gitlab description = 'x''); DROP TABLE machines; --';",
            "delete vm 'gitlab; DROP TABLE machines';",
            "hosts select name; DROP TABLE machines;",
            "hosts sort by name; DROP TABLE machines --;",
        ]
        let text = try lab.transcript(of: attempts.joined(separator: "\n") + "\n")
        #expect(try lab.schema() == schema)
        #expect(try lab.database.scalar("SELECT count(*) FROM machines") == machines)
        let description = try lab.database.scalar("SELECT description FROM machines WHERE name = 'gitlab'")
        #expect(description == .text("x'); DROP TABLE machines; --"), "the text is stored as written")
        #expect(text.contains("found 'TABLE'"), "a second statement on the line is parsed as one of ours, not SQL")
    }

    @Test("5,000 random statements against the seed lab: a result or a diagnostic, never an SQL error from a read")
    func executorFuzz() throws {
        let lab = try ShellTestLab()
        defer { lab.remove() }
        let executor = try lab.executor()
        var random = SplitMix64(seed: 0x5EED)
        let entities = Catalog.lab.entities
        let operators = ["=", "!=", "<", ">=", "~", "=~", "in", "is null", "is not null", "not in"]
        let values = ["8G", "z440", "'edge-*'", "'^p'", "prod", "metallb", "192.168.1.0/26", "192.168.1.25", "1", "true", "(1, 2)", "(prod, mgmt)", "home"]
        var results = 0, diagnostics = 0
        for _ in 0..<5_000 {
            let entity = entities[Int(random.next() % UInt64(entities.count))]
            var text = entity.name
            if random.next() % 4 == 0 { text += " of " + values[Int(random.next() % UInt64(values.count))] }
            for index in 0..<Int(random.next() % 3) {
                let field = entity.fields[Int(random.next() % UInt64(entity.fields.count))]
                let op = operators[Int(random.next() % UInt64(operators.count))]
                let value = op.contains("null") ? "" : " " + values[Int(random.next() % UInt64(values.count))]
                text += (index == 0 ? " where " : random.next() % 2 == 0 ? " and " : " or not ") + field.name + " " + op + value
            }
            switch random.next() % 4 {
            case 0: text += " count by " + entity.fields[Int(random.next() % UInt64(entity.fields.count))].name
            case 1: text += " sort by " + entity.fields[Int(random.next() % UInt64(entity.fields.count))].name + " desc limit 3"
            default: break
            }
            do {
                _ = try executor.run(text)
                results += 1
            } catch {
                guard case .diagnostic = error else {
                    Issue.record("\(text): \(error)")
                    continue
                }
                diagnostics += 1
            }
        }
        #expect(results + diagnostics == 5_000)
        #expect(results > 1_000)
    }

    @Test("add and delete records go through the importer: one change each in the history, a refusal changes nothing")
    func recordWritesAreImports() throws {
        let lab = try ShellTestLab()
        defer { lab.remove() }
        lab.database.changeContext = ChangeContext(user: "tester", command: "labdb shell")
        let executor = try lab.executor()
        let before = try Lab(database: lab.database)
        let changes = { try lab.database.scalar("SELECT count(*) FROM changes")?.int ?? -1 }
        let start = try changes()

        // Outside every prefix labdb manages: an address inside one would have to be allocated first.
        _ = try executor.run("add records nas zone = mathiaswouters.com, type = A, value = 10.0.0.9, view = internal, ttl = 120")
        #expect(try changes() == start + 1)
        let added = try #require(try Lab(database: lab.database).records.first { $0.name == "nas" })
        #expect(added == Record(zone: "mathiaswouters.com", name: "nas", type: .a, value: "10.0.0.9", view: .internal, ttl: 120))
        let entry = try #require(try ChangeHistory(database: lab.database).entries(limit: 1).first)
        #expect(entry.table == "records" && entry.operation == "insert" && entry.user == "tester")

        let refused: () throws -> Void = { _ = try executor.run("add records nas2 zone = mathiaswouters.com, type = AAAA, value = 192.168.1.9, view = internal") }
        #expect(throws: ExecutionError.self, performing: refused)
        #expect(try changes() == start + 1, "a refused add writes nothing")

        _ = try executor.run("delete records nas.mathiaswouters.com")
        #expect(try changes() == start + 2)
        #expect(try Lab(database: lab.database) == before, "add then delete leaves the lab as it was")
    }

    @Test("completion offers entities, fields and object names from the database")
    func completion() throws {
        let lab = try ShellTestLab()
        defer { lab.remove() }
        let completer = Completer(names: DatabaseObjectNames(database: lab.database))
        #expect(completer.completions(line: "cl", word: "cl") == ["clusters"])
        #expect(completer.completions(line: "vms where r", word: "r") == ["ram", "role"])
        #expect(completer.completions(line: "vms of ed", word: "ed") == ["edge", "edge-pi-01", "edge-pi-02", "edge-pi-03"])
        #expect(completer.completions(line: "vms where host = z", word: "z") == ["z440"])
        #expect(completer.completions(line: "ips where ip in met", word: "met") == ["metallb"])
        #expect(completer.completions(line: ".mo", word: ".mo") == [".mode"])
        #expect(completer.completions(line: ".mode j", word: "j") == ["json"])
        #expect(completer.completions(line: "set vms gitlab r", word: "r") == ["ram"])
        #expect(completer.completions(line: "allocate metallb to grafana-lb n", word: "n") == ["new"])
        #expect(completer.completions(line: "allocate metallb to grafana-lb new s", word: "s") == ["service"])
        #expect(completer.completions(line: "allocate metallb to grafana-lb new service c", word: "c") == ["cluster"])
        #expect(completer.completions(line: "allocate metallb to grafana-lb new service cluster p", word: "p") == ["prod"])
        #expect(completer.completions(line: "ranges where used_p", word: "used_p") == ["used_percent"])
    }
}

