import Foundation
import LabModel
import Testing

/// The built `labdb`, `scripts/ansible-inventory` and the real `ansible-inventory` /
/// `ansible` (ansible-core from PyPI, installed by scripts/install-deps) on a temporary
/// database seeded from seed/homelab.yaml.
@Suite("Inventory end to end", .serialized)
struct InventoryEndToEndTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let labdb = root.appendingPathComponent(".build/debug/labdb").path
    static let script = root.appendingPathComponent("scripts/ansible-inventory").path

    /// The output of one process.
    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// A temporary folder with a database seeded from the seed lab.
    struct SeededLab {
        let folder: URL
        var database: String { folder.appendingPathComponent("lab.db").path }

        init(extraYAML: String = "") throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("labdb-inventory-e2e-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var seed = InventoryEndToEndTests.root.appendingPathComponent("seed/homelab.yaml").path
            if !extraYAML.isEmpty {
                let file = folder.appendingPathComponent("lab.yaml")
                try (try String(contentsOfFile: seed, encoding: .utf8) + "\n" + extraYAML).write(to: file, atomically: true, encoding: .utf8)
                seed = file.path
            }
            let outcome = try InventoryEndToEndTests.run([InventoryEndToEndTests.labdb, "--db", database, "init", "--seed", seed])
            guard outcome.status == 0 else { throw CocoaError(.fileReadUnknown, userInfo: [NSDebugDescriptionErrorKey: outcome.stderr]) }
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        var merged = ProcessInfo.processInfo.environment
        merged["ANSIBLE_INVENTORY_UNPARSED_FAILED"] = "true"
        merged["ANSIBLE_NOCOLOR"] = "1"
        // The script would pick the newer of the release and debug builds: test this build.
        merged["LABDB_BIN"] = labdb
        merged["ANSIBLE_LOCAL_TEMP"] = FileManager.default.temporaryDirectory.appendingPathComponent("labdb-ansible-tmp").path
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes concurrently so that neither fills up and blocks the child.
        let errorData = LockedData()
        let reader = Thread { errorData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorData.isSet { usleep(1000) }
        return Outcome(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errorData.value, as: UTF8.self))
    }

    /// The path of `tool` on PATH; records a failure (not a skip) when it is missing.
    static func ansibleTool(_ tool: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(folder)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        Issue.record("\(tool) is not on PATH: run scripts/install-deps (it installs ansible-core from PyPI)")
        return nil
    }

    @Test("ansible-inventory --graph shows the seed lab's tree")
    func graph() throws {
        guard let tool = InventoryEndToEndTests.ansibleTool("ansible-inventory") else { return }
        let lab = try SeededLab()
        defer { lab.remove() }
        let outcome = try InventoryEndToEndTests.run([tool, "-i", InventoryEndToEndTests.script, "--graph"], environment: ["LABDB_DB": lab.database])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == InventoryEndToEndTests.expectedGraph, "got:\n\(outcome.stdout)\nstderr: \(outcome.stderr)")
        #expect(!outcome.stderr.contains("WARNING"), "\(outcome.stderr)")
    }

    @Test("ansible-inventory --host prod-worker-01: ansible_host 192.168.1.43, unsafe text unwrapped")
    func host() throws {
        guard let tool = InventoryEndToEndTests.ansibleTool("ansible-inventory") else { return }
        let lab = try SeededLab()
        defer { lab.remove() }
        let outcome = try InventoryEndToEndTests.run([tool, "-i", InventoryEndToEndTests.script, "--host", "prod-worker-01"],
                                                     environment: ["LABDB_DB": lab.database])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let vars = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(vars["ansible_host"] as? String == "192.168.1.43")
        #expect(vars["labdb_cluster"] as? String == "prod")
        #expect(vars["labdb_role"] as? String == "worker")
        #expect(vars["labdb_description"] as? String == "Production cluster worker 1")
        #expect(vars["labdb_distribution"] as? String == "rke2", "group variables of cluster_prod reach the host")
    }

    @Test("LABDB_INVENTORY_FACTS=minimal: Ansible sees ansible_host and group variables but no labdb_ facts; a bad value fails loudly")
    func minimalFacts() throws {
        guard let tool = InventoryEndToEndTests.ansibleTool("ansible-inventory") else { return }
        let lab = try SeededLab()
        defer { lab.remove() }
        let outcome = try InventoryEndToEndTests.run([tool, "-i", InventoryEndToEndTests.script, "--host", "prod-worker-01"],
                                                     environment: ["LABDB_DB": lab.database, "LABDB_INVENTORY_FACTS": "minimal"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let vars = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(vars["ansible_host"] as? String == "192.168.1.43")
        #expect(vars["labdb_distribution"] as? String == "rke2", "group variables stay")
        #expect(vars["labdb_role"] == nil && vars["labdb_cpus"] == nil)

        let bad = try InventoryEndToEndTests.run([tool, "-i", InventoryEndToEndTests.script, "--list"],
                                                 environment: ["LABDB_DB": lab.database, "LABDB_INVENTORY_FACTS": "some"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("LABDB_INVENTORY_FACTS='some' is not one of: full, minimal"), "\(bad.stderr)")
        // The flag wins over the variable.
        let flag = try InventoryEndToEndTests.run([InventoryEndToEndTests.labdb, "--db", lab.database, "inventory", "--host", "gitlab", "--facts", "full"],
                                                  environment: ["LABDB_INVENTORY_FACTS": "minimal"])
        #expect(flag.status == 0 && flag.stdout.contains("\"labdb_kind\":\"vm\""), "\(flag.stderr)")
    }

    @Test("ansible all --list-hosts lists every enabled machine of the database")
    func listHosts() throws {
        guard let tool = InventoryEndToEndTests.ansibleTool("ansible") else { return }
        let lab = try SeededLab()
        defer { lab.remove() }
        let outcome = try InventoryEndToEndTests.run([tool, "all", "-i", InventoryEndToEndTests.script, "--list-hosts"],
                                                     environment: ["LABDB_DB": lab.database])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let listed = outcome.stdout.split(separator: "\n").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
        let machines = try Lab(database: try LabDatabase.open(path: lab.database, create: false, readOnly: true)).machines
        #expect(!machines.isEmpty)
        #expect(Set(listed) == Set(machines.filter(\.enabled).map(\.name)))
        #expect(listed.count == machines.filter(\.enabled).count)
        #expect(outcome.stdout.hasPrefix("  hosts (\(machines.filter(\.enabled).count)):"))

        // A disabled machine drops out of every play.
        let disable = try InventoryEndToEndTests.run(["/usr/bin/env", "sqlite3", lab.database, "UPDATE machines SET enabled = 0 WHERE name = 'router'"])
        #expect(disable.status == 0, "\(disable.stderr)")
        let after = try InventoryEndToEndTests.run([tool, "all", "-i", InventoryEndToEndTests.script, "--list-hosts"],
                                                   environment: ["LABDB_DB": lab.database])
        let listedAfter = Set(after.stdout.split(separator: "\n").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) })
        #expect(listedAfter == Set(listed).subtracting(["router"]))
    }

    @Test("group and host variables of the lab file reach Ansible; free text is never templated")
    func variablesAndTemplating() throws {
        guard let tool = InventoryEndToEndTests.ansibleTool("ansible") else { return }
        let lab = try SeededLab(extraYAML: """
            groups:
              - name: cluster_prod_workers
                vars:
                  ansible_user: ubuntu
                  worker_label: "{{ inventory_hostname }}-label"
            """)
        defer { lab.remove() }
        // A description that Jinja would evaluate (to 42) if labdb did not mark it unsafe.
        let db = lab.database
        let update = try InventoryEndToEndTests.run(["/usr/bin/env", "sqlite3", db, "UPDATE machines SET description = '{{ 6 * 7 }}' WHERE name = 'prod-worker-02'"])
        #expect(update.status == 0, "\(update.stderr)")
        let outcome = try InventoryEndToEndTests.run([tool, "prod-worker-02", "-i", InventoryEndToEndTests.script, "-m", "debug",
                                                      "-a", #"{"msg": "{{ labdb_description }} {{ ansible_user }} {{ worker_label }}"}"#],
                                                     environment: ["LABDB_DB": db])
        #expect(outcome.status == 0, "\(outcome.stdout)\n\(outcome.stderr)")
        #expect(outcome.stdout.contains("\"msg\": \"{{ 6 * 7 }} ubuntu prod-worker-02-label\""), "\(outcome.stdout)")
    }

    @Test("a missing database fails loudly: non-zero exit, one line on stderr, no inventory, no file created")
    func missingDatabase() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("labdb-inventory-e2e-\(UUID().uuidString)")
        let missing = folder.appendingPathComponent("missing.db").path
        let direct = try InventoryEndToEndTests.run([InventoryEndToEndTests.script, "--list"], environment: ["LABDB_DB": missing])
        #expect(direct.status != 0)
        #expect(direct.stdout.isEmpty)
        #expect(direct.stderr.split(separator: "\n").count == 1, "\(direct.stderr)")
        #expect(direct.stderr.contains(missing))
        #expect(!FileManager.default.fileExists(atPath: missing))
        #expect(!FileManager.default.fileExists(atPath: folder.path))

        guard let tool = InventoryEndToEndTests.ansibleTool("ansible-inventory") else { return }
        let viaAnsible = try InventoryEndToEndTests.run([tool, "-i", InventoryEndToEndTests.script, "--list"], environment: ["LABDB_DB": missing])
        #expect(viaAnsible.status != 0, "Ansible must not accept an empty inventory: \(viaAnsible.stdout)")
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test("a corrupt database fails loudly too")
    func corruptDatabase() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("labdb-inventory-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let corrupt = folder.appendingPathComponent("corrupt.db")
        try Data(repeating: 0x42, count: 8192).write(to: corrupt)
        let outcome = try InventoryEndToEndTests.run([InventoryEndToEndTests.script, "--list"], environment: ["LABDB_DB": corrupt.path])
        #expect(outcome.status != 0)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.split(separator: "\n").count == 1, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("damaged or not a labdb database"), "\(outcome.stderr)")
    }

    @Test("labdb inventory --host of an unknown machine fails with a suggestion; --list and --host together are a usage error")
    func hostErrors() throws {
        let lab = try SeededLab()
        defer { lab.remove() }
        let unknown = try InventoryEndToEndTests.run([InventoryEndToEndTests.labdb, "--db", lab.database, "inventory", "--host", "prod-workr-01"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "labdb: no machine named 'prod-workr-01' in \(lab.database); did you mean 'prod-worker-01'?\n")
        let both = try InventoryEndToEndTests.run([InventoryEndToEndTests.labdb, "--db", lab.database, "inventory", "--list", "--host", "x"])
        #expect(both.status == 2)
    }

    @Test("--pretty (built through the lab model) and the compact output (written straight from the database) are the same JSON")
    func prettyEqualsCompact() throws {
        let lab = try SeededLab()
        defer { lab.remove() }
        for arguments in [["--list"], ["--host", "prod-worker-01"], ["--host", "GITLAB"]] {
            let compact = try InventoryEndToEndTests.run([InventoryEndToEndTests.labdb, "--db", lab.database, "inventory"] + arguments)
            let pretty = try InventoryEndToEndTests.run([InventoryEndToEndTests.labdb, "--db", lab.database, "inventory", "--pretty"] + arguments)
            #expect(compact.status == 0 && pretty.status == 0, "\(arguments): \(compact.stderr) \(pretty.stderr)")
            #expect(!compact.stdout.contains("\n  "), "compact output is one line")
            #expect(pretty.stdout.contains("\n  "), "pretty output is indented")
            let a = try JSONSerialization.jsonObject(with: Data(compact.stdout.utf8)) as? NSDictionary
            let b = try JSONSerialization.jsonObject(with: Data(pretty.stdout.utf8)) as? NSDictionary
            #expect(a != nil && a == b, "\(arguments)")
        }
    }

    @Test("a failed write of the inventory (a full disk) is an error, not a silent short document")
    func writeFailure() throws {
        let lab = try SeededLab()
        defer { lab.remove() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: InventoryEndToEndTests.labdb)
        process.arguments = ["--db", lab.database, "inventory", "--list"]
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(message.contains("cannot write the inventory to standard output"), "\(message)")
    }

    @Test("labdb export --prometheus-sd writes file_sd targets atomically")
    func prometheus() throws {
        let lab = try SeededLab()
        defer { lab.remove() }
        let file = lab.folder.appendingPathComponent("targets.json").path
        let outcome = try InventoryEndToEndTests.run([InventoryEndToEndTests.labdb, "--db", lab.database, "export", "--prometheus-sd", file])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let groups = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [[String: Any]])
        let machines = try Lab(database: try LabDatabase.open(path: lab.database, create: false, readOnly: true)).machines
        #expect(groups.count == machines.count, "every seed machine has an address")
        let worker = groups.first { ($0["targets"] as? [String]) == ["192.168.1.43:9100"] }
        #expect((worker?["labels"] as? [String: String])?["cluster"] == "prod")
        #expect((worker?["labels"] as? [String: String])?["role"] == "worker")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: lab.folder.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    static let expectedGraph = """
        @all:
          |--@ungrouped:
          |--@cluster_edge:
          |  |--@cluster_edge_all_in_one:
          |  |  |--edge-pi-01
          |  |  |--edge-pi-02
          |  |  |--edge-pi-03
          |--@cluster_mgmt:
          |  |--@cluster_mgmt_control_plane:
          |  |  |--mgmt-cp-01
          |  |--@cluster_mgmt_workers:
          |  |  |--mgmt-worker-01
          |  |  |--mgmt-worker-02
          |--@cluster_prod:
          |  |--@cluster_prod_control_plane:
          |  |  |--prod-cp-01
          |  |  |--prod-cp-02
          |  |  |--prod-cp-03
          |  |--@cluster_prod_workers:
          |  |  |--prod-worker-01
          |  |  |--prod-worker-02
          |  |  |--prod-worker-03
          |--@edge_pis:
          |  |--edge-pi-01
          |  |--edge-pi-02
          |  |--edge-pi-03
          |--@infra_vms:
          |  |--bastion
          |  |--gitlab
          |  |--minio
          |  |--pihole
          |  |--vault
          |--@proxmox_hosts:
          |  |--z440
          |--@range_edge:
          |  |--edge-pi-01
          |  |--edge-pi-02
          |  |--edge-pi-03
          |--@range_infra:
          |  |--bastion
          |  |--gitlab
          |  |--minio
          |  |--vault
          |--@range_metallb:
          |--@range_mgmt:
          |  |--mgmt-cp-01
          |  |--mgmt-worker-01
          |  |--mgmt-worker-02
          |--@range_network:
          |  |--pihole
          |  |--router
          |  |--z440
          |--@range_prod:
          |  |--prod-cp-01
          |  |--prod-cp-02
          |  |--prod-cp-03
          |  |--prod-worker-01
          |  |--prod-worker-02
          |  |--prod-worker-03
          |--@tag_dns:
          |  |--pihole
          |--@tag_edge:
          |  |--edge-pi-01
          |  |--edge-pi-02
          |  |--edge-pi-03
          |--@tag_infra:
          |  |--bastion
          |  |--gitlab
          |  |--minio
          |  |--vault
          |--@tag_k8s:
          |  |--edge-pi-01
          |  |--edge-pi-02
          |  |--edge-pi-03
          |  |--mgmt-cp-01
          |  |--mgmt-worker-01
          |  |--mgmt-worker-02
          |  |--prod-cp-01
          |  |--prod-cp-02
          |  |--prod-cp-03
          |  |--prod-worker-01
          |  |--prod-worker-02
          |  |--prod-worker-03
          |--@tag_network:
          |  |--router
          |--@tag_proxmox:
          |  |--z440

        """
}

/// Data set once from another thread.
final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?

    func set(_ value: Data) { lock.lock(); data = value; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return data != nil }
    var value: Data { lock.lock(); defer { lock.unlock() }; return data ?? Data() }
}
