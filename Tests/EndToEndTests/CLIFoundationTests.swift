import LabTestSupport
import Foundation
import Testing

@Suite("labdb command line: init, import, export, listings", .serialized)
struct CLIFoundationTests {
    @Test("init --seed creates the database and the listings show the lab")
    func initAndList() throws {
        let folder = try TemporaryFolder()
        let db = folder.file("sub/lab.db")
        let initRun = try LabdbProcess.run(["init", "--db", db, "--seed", LabdbProcess.seed])
        #expect(initRun.status == 0, "\(initRun.stderr)")
        #expect(initRun.stdout.contains("to create"))
        let hosts = try LabdbProcess.run(["--db", db, "hosts"])
        #expect(hosts.status == 0)
        #expect(hosts.stdout.contains("z440"))
        #expect(hosts.stdout.contains("96 GiB"))
        let vms = try LabdbProcess.run(["vms", "--format", "json", "--db", db])
        #expect(vms.status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(vms.stdout.utf8)) as? [[String: Any]])
        let worker = try #require(rows.first { $0["name"] as? String == "prod-worker-01" })
        #expect(worker["address"] as? String == "192.168.1.43")
        #expect(worker["ram"] as? Int == 12 << 30)
        #expect(worker["cluster"] as? String == "prod")
        let csv = try LabdbProcess.run(["--format=csv", "--db", db, "ranges"])
        #expect(csv.stdout.split(separator: "\n").first?.hasPrefix("kind,name,prefix,first,last,purpose,size,used,free") == true)
        #expect(csv.stdout.contains("range,metallb,192.168.1.0/24,192.168.1.100,192.168.1.150,load-balancer,51,"))
    }

    @Test("LABDB_DB selects the database when --db is absent")
    func environment() throws {
        let folder = try TemporaryFolder()
        let db = folder.file("env.db")
        #expect(try LabdbProcess.run(["init", "--seed", LabdbProcess.seed], environment: ["LABDB_DB": db]).status == 0)
        #expect(FileManager.default.fileExists(atPath: db))
        let hosts = try LabdbProcess.run(["hosts", "--format", "yaml"], environment: ["LABDB_DB": db])
        #expect(hosts.stdout.contains("- name: z440"))
    }

    @Test("export, edit, import --dry-run, import: the plan is printed and applied")
    func importExport() throws {
        let folder = try TemporaryFolder()
        let db = folder.file("lab.db")
        #expect(try LabdbProcess.run(["init", "--db", db, "--seed", LabdbProcess.seed]).status == 0)
        let exportFile = folder.file("lab.yaml")
        #expect(try LabdbProcess.run(["export", "--db", db, "--output", exportFile]).status == 0)
        let again = try LabdbProcess.run(["import", exportFile, "--db", db])
        #expect(again.stdout.contains("No changes"))
        let text = try String(contentsOfFile: exportFile, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "- name: vault\n    type: vm\n    host: z440\n    cpus: 2\n    ram: 2G",
                                               with: "- name: vault\n    type: vm\n    host: z440\n    cpus: 2\n    ram: 4G")
        #expect(edited != text, "the export layout changed; update the test")
        try edited.write(toFile: exportFile, atomically: true, encoding: .utf8)
        let before = LabdbProcess.bytes(db)
        let dry = try LabdbProcess.run(["import", "--dry-run", exportFile, "--db", db])
        #expect(dry.stdout.contains("~ update machine vault: ram 2G → 4G"))
        #expect(dry.stdout.contains("dry run"))
        #expect(LabdbProcess.bytes(db) == before)
        let real = try LabdbProcess.run(["import", exportFile, "--db", db])
        #expect(real.status == 0)
        #expect(real.stdout.contains("1 to update"))
        let export2 = try LabdbProcess.run(["export", "--db", db])
        // The revision moved on with the import; everything else is the edited file.
        let withoutRevision = { (text: String) in text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("revision: ") } }
        #expect(withoutRevision(export2.stdout) == withoutRevision(edited))
        #expect(export2.stdout != edited, "the revision is the import's")
    }

    @Test("a bad file exits 1 with file:line:column and leaves the database unchanged")
    func badFile() throws {
        let folder = try TemporaryFolder()
        let db = folder.file("lab.db")
        #expect(try LabdbProcess.run(["init", "--db", db, "--seed", LabdbProcess.seed]).status == 0)
        let seed = try String(contentsOfFile: LabdbProcess.seed, encoding: .utf8)
        let bad = folder.file("bad.yaml")
        try seed.replacingOccurrences(of: "host: z440", with: "host: z44").write(toFile: bad, atomically: true, encoding: .utf8)
        let export = try LabdbProcess.run(["export", "--db", db]).stdout
        let run = try LabdbProcess.run(["import", bad, "--db", db])
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(bad):"))
        #expect(run.stderr.contains(".host: vm '") || run.stderr.contains(".host: lxc '"))
        #expect(run.stderr.contains("unknown host 'z44' (did you mean 'z440'?)"))
        #expect(run.stdout.isEmpty)
        #expect(try LabdbProcess.run(["export", "--db", db]).stdout == export)
    }

    @Test("usage errors exit 2; a missing database for a read is exit 1 with a clear message")
    func exitCodes() throws {
        let folder = try TemporaryFolder()
        let usage = try LabdbProcess.run(["hosts", "--format", "xml", "--db", folder.file("x.db")])
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("format"))
        let unknown = try LabdbProcess.run(["frobnicate"])
        #expect(unknown.status == 2)
        let missing = try LabdbProcess.run(["export", "--db", folder.file("none.db")])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no database at"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("none.db")))
    }

    @Test("the binary carries its migrations: it works when copied away from the checkout")
    func copiedBinary() throws {
        let folder = try TemporaryFolder()
        let copy = folder.file("labdb")
        try FileManager.default.copyItem(atPath: LabdbProcess.binary, toPath: copy)
        let db = folder.file("lab.db")
        let run = try LabdbProcess.run(["init", "--db", db], executable: copy)
        #expect(run.status == 0, "\(run.stderr)")
        let status = try LabdbProcess.run(["migrate", "--status", "--db", db, "--format", "csv"], executable: copy)
        #expect(status.stdout.contains("0001_initial,applied,"))
    }

    @Test("a database from a newer labdb is refused and left as it was")
    func newerDatabase() throws {
        let folder = try TemporaryFolder()
        let db = folder.file("lab.db")
        #expect(try LabdbProcess.run(["init", "--db", db]).status == 0)
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [db, "INSERT INTO schema_migrations VALUES ('9999_future', 'x', '2030-01-01T00:00:00Z')"]
        try sqlite.run()
        sqlite.waitUntilExit()
        let before = LabdbProcess.bytes(db)
        let run = try LabdbProcess.run(["hosts", "--db", db])
        #expect(run.status == 1)
        #expect(run.stderr.contains("newer labdb"))
        #expect(LabdbProcess.bytes(db) == before)
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        var result = ""
        var rest = Substring(self)
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
