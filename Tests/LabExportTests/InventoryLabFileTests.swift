import Foundation
import LabExport
import LabModel
import LabStore
import Testing

@Suite("Inventory group variables in the lab file")
struct InventoryLabFileTests {
    static let groupsYAML = """
        groups:
          - name: all
            vars:
              ansible_user: admin
              ansible_python_interpreter: /usr/bin/python3
          - name: cluster_prod
            description: Production nodes
            vars:
              ansible_become: "true"
              ansible_port: 2222
        """

    func seedWithGroups() throws -> String {
        let seed = try String(contentsOf: InventoryFixture.root.appendingPathComponent("seed/homelab.yaml"), encoding: .utf8)
        return seed + "\n" + InventoryLabFileTests.groupsYAML + "\n"
    }

    @Test("parse, export, parse again: the same lab; groups written in the documented layout")
    func yamlRoundTrip() throws {
        let lab = try InventoryFixture.lab(try seedWithGroups())
        #expect(lab.groups.map(\.name) == ["all", "cluster_prod"])
        #expect(lab.groups[1].vars == ["ansible_become": "true", "ansible_port": "2222"])
        let exported = LabYAMLWriter().write(lab)
        #expect(exported.contains("groups:\n  - name: all\n    vars:\n      ansible_python_interpreter: /usr/bin/python3\n      ansible_user: admin\n"))
        #expect(try InventoryFixture.lab(exported) == lab)
    }

    @Test("import, export, import: the second import changes nothing; removing a group deletes it")
    func databaseRoundTrip() throws {
        let folder = try InventoryFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try LabDatabase.open(path: folder.appendingPathComponent("lab.db").path)
        let importer = LabImporter(database: db)
        let lab = try InventoryFixture.lab(try seedWithGroups())
        let first = try importer.apply(lab)
        #expect(first.changes.contains { $0.description == "+ create group cluster_prod" })
        let exported = LabYAMLWriter().write(try Lab(database: db))
        #expect(try importer.plan(try InventoryFixture.lab(exported)).isEmpty)
        #expect(try Lab(database: db).groups == lab.groups)

        var changed = lab
        changed.groups[1].vars["ansible_port"] = "22"
        changed.groups.removeFirst()
        let plan = try importer.apply(changed)
        #expect(plan.changes.map(\.description).sorted() == ["- delete group all", "~ update group cluster_prod: vars ansible_become=true,ansible_port=2222 → ansible_become=true,ansible_port=22"])
        #expect(try Lab(database: db).groups == changed.groups)
        #expect(try Int(db.scalar("SELECT count(*) FROM inventory_group_vars")?.int ?? -1) == 2)
    }

    @Test("invalid group and variable names are refused with their position")
    func invalidNames() {
        let yaml = """
            groups:
              - name: k8s-workers
              - name: ok
                vars:
                  bad-key: x
            """
        #expect {
            try InventoryFixture.lab(yaml)
        } throws: { error in
            let text = "\(error)"
            return text.contains("test.yaml:2:") && text.contains("'k8s-workers' is not a valid Ansible group name")
                && text.contains("'bad-key' is not a valid Ansible variable name")
        }
    }

    @Test("duplicate groups are refused")
    func duplicates() {
        #expect(throws: LabFileError.self) {
            try InventoryFixture.lab("groups:\n  - name: web\n  - name: web\n")
        }
    }
}
