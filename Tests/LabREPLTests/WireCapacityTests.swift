import LabOperations
import Foundation
import LabModel
import LabREPL
import Testing

/// `capacity` statements in the query language: the same sections as `labdb capacity`.
@Suite("Wire: capacity statements in the shell", .serialized)
struct WireCapacityTests {
    /// Everything a shell in `mode` printed for `input`, results and errors apart.
    static func shell(_ lab: ShellTestLab, _ input: String, mode: OutputFormat = .table) throws -> (output: String, errors: String) {
        var output = "", errors = ""
        let shell = Shell(executor: try lab.executor(), format: mode, sink: Shell.Sink(output: { output += $0 }, errors: { errors += $0 }))
        _ = shell.run(TextLineReader(input), interactive: false, continueOnError: true)
        return (output, errors)
    }

    /// The RAM of each cluster's enabled nodes, added up straight from the tables.
    static func clusterRAM(_ lab: ShellTestLab) throws -> [String: Int64] {
        let rows = try lab.database.query("""
            SELECT c.name, coalesce(sum(m.ram_bytes), 0) FROM clusters c
            JOIN cluster_nodes n ON n.cluster_id = c.id JOIN machines m ON m.id = n.machine_id
            WHERE m.enabled = 1 GROUP BY c.name
            """)
        return Dictionary(uniqueKeysWithValues: rows.compactMap { row in row[0].string.flatMap { name in row[1].int.map { (name, $0) } } })
    }

    /// The `LABDB_*` variables of this process emptied (capacity ignores empty ones), so the
    /// binary answers under the default limits, like the executor here.
    static var plainEnvironment: [String: String] {
        ProcessInfo.processInfo.environment.filter { $0.key.hasPrefix("LABDB_") }.mapValues { _ in "" }
    }

    @Test("capacity; shows each cluster's RAM as the tables add it up (mgmt and prod among them)")
    func clusterTotals() throws {
        let lab = try ShellTestLab()
        defer { lab.remove() }
        let expected = try WireCapacityTests.clusterRAM(lab)
        #expect(expected["mgmt"] != nil && expected["prod"] != nil)
        guard case .document(let document) = try lab.executor().run("capacity") else {
            Issue.record("capacity gave no document")
            return
        }
        let clusters = try #require(document["clusters"]).table
        let ramColumn = try #require(clusters.columns.firstIndex(of: "ram"))
        var shown: [String: Cell] = [:]
        for row in clusters.rows { shown[row[0].display] = row[ramColumn] }
        for (name, bytes) in expected {
            #expect(shown[name] == .size(bytes), "cluster \(name)")
        }
        let table = try WireCapacityTests.shell(lab, "capacity;\n").output
        #expect(table.contains("CLUSTERS (enabled nodes)"))
        for name in ["mgmt", "prod"] {
            let line = table.split(separator: "\n").first { $0.hasPrefix(name + " ") }
            #expect(line?.contains(" " + Cell.size(try #require(expected[name])).display + " ") == true, "\(name): \(line ?? "no line")")
        }
    }

    @Test("capacity; and capacity HOST; print exactly what labdb capacity prints, in every mode")
    func reportMatchesCLI() throws {
        let lab = try ShellTestLab()
        defer { lab.remove() }
        for mode in OutputFormat.allCases {
            for host in [nil, "z440"] as [String?] {
                let cli = try LabdbRun.run(["capacity", "--db", lab.databasePath, "--format", mode.rawValue] + (host.map { [$0] } ?? []),
                                           environment: WireCapacityTests.plainEnvironment)
                #expect(cli.status == 0, "\(cli.errors)")
                let shell = try WireCapacityTests.shell(lab, "capacity\(host.map { " " + $0 } ?? "");\n", mode: mode)
                #expect(shell.errors.isEmpty)
                #expect(shell.output == cli.output, "\(mode) \(host ?? "all")")
            }
        }
    }

    @Test("capacity fit gives the verdict and sections of labdb capacity fit with the same arguments", arguments: [
        ["cpu", "4", "ram", "12G", "disk", "50G@local-lvm", "disk", "300G@longhorn-pool", "count", "3"],
        ["cpu", "2", "ram", "1G", "count", "2", "range", "prod"],
    ])
    func fitMatchesCLI(_ words: [String]) throws {
        let lab = try ShellTestLab()
        defer { lab.remove() }
        var flags: [String] = []
        for index in stride(from: 0, to: words.count, by: 2) { flags += ["--" + words[index], words[index + 1]] }
        let cli = try LabdbRun.run(["capacity", "fit", "--db", lab.databasePath, "--format", "json"] + flags,
                                   environment: WireCapacityTests.plainEnvironment)
        let shell = try WireCapacityTests.shell(lab, "capacity fit \(words.joined(separator: " "));\n", mode: .json)
        #expect(shell.errors.isEmpty, "\(shell.errors)")
        #expect(!cli.output.isEmpty && shell.output == cli.output)
        let verdict = try #require(try JSONSerialization.jsonObject(with: Data(shell.output.utf8)) as? [String: Any])
        let summary = try #require(verdict["summary"] as? [String: Any])
        let fits = try #require(summary["fits"] as? Bool)
        #expect(cli.status == (fits ? 0 : 1), "the CLI exits 1 exactly when the VMs do not fit")
        if !fits { #expect(cli.errors.contains(try #require(summary["verdict"] as? String))) }
    }

    @Test("malformed capacity statements are refused with one clear sentence")
    func errors() throws {
        let lab = try ShellTestLab()
        defer { lab.remove() }
        let run = try WireCapacityTests.shell(lab, "capacity z44;\ncapacity fit ram 1G;\ncapacity fit;\ncapacity a b;\ncapacity fit cpu 2 ram 1G colour red;\n")
        let lines = run.errors.split(separator: "\n").map(String.init)
        #expect(run.output.isEmpty)
        #expect(lines.count == 5)
        #expect(lines[0] == "error near line 1: no host named 'z44' (did you mean 'z440'?); `labdb hosts` lists them")
        #expect(lines[1] == "error near line 2: invalid VM shape: say how many vCPUs: cpu N")
        #expect(lines[2].hasPrefix("error near line 3: capacity fit needs a VM shape"))
        #expect(lines[3].hasPrefix("error near line 4: capacity takes at most one host, not 'a b'"))
        #expect(lines[4].hasPrefix("error near line 5: invalid VM shape: unknown word 'colour'"))
    }

    @Test("an invalid limit in the environment fails capacity statements only")
    func environmentLimits() throws {
        let lab = try ShellTestLab()
        defer { lab.remove() }
        let executor = try QueryExecutor(database: lab.database, capacityEnvironment: ["LABDB_VCPU_TARGET": "0"])
        #expect(throws: ExecutionError.self) { try executor.run("capacity") }
        guard case .table(let table) = try executor.run("clusters count") else {
            Issue.record("clusters count gave no table")
            return
        }
        #expect(table.rows.count == 1)
        let tuned = try QueryExecutor(database: lab.database, capacityEnvironment: ["LABDB_VCPU_TARGET": "2"])
        guard case .document(let document) = try tuned.run("capacity") else {
            Issue.record("capacity gave no document")
            return
        }
        #expect(document["limits"]?.table.rows.first?.first?.display == "2")
    }

    @Test(".help lists capacity; Tab completes it and the fit words")
    func helpAndCompletion() throws {
        let lab = try ShellTestLab()
        defer { lab.remove() }
        let help = try WireCapacityTests.shell(lab, ".help\n").output
        #expect(help.contains("capacity [HOST];"))
        #expect(help.contains("capacity fit cpu N ram SIZE"))
        let completer = Completer(names: nil)
        #expect(completer.completions(line: "cap", word: "cap") == ["capacity"])
        #expect(completer.completions(line: "capacity fit cpu 4 r", word: "r") == ["ram", "range"])
    }
}
