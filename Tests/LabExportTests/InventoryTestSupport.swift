import Foundation
import LabExport
import LabIP
import LabModel

/// Shared pieces of the inventory tests: the seed lab, small labs, temporary folders.
enum InventoryFixture {
    /// The package root, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func seedLab() throws -> Lab {
        try LabFileParser.load(path: root.appendingPathComponent("seed/homelab.yaml").path)
    }

    static func lab(_ yaml: String) throws -> Lab {
        try LabFileParser(file: "test.yaml").parse(yaml)
    }

    /// A fresh, unique temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("labdb-inventory-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The group named `name`.
    static func group(_ inventory: AnsibleInventory, _ name: String) -> AnsibleInventory.Group? {
        inventory.groups.first { $0.name == name }
    }

    /// The variables of `host` as a dictionary.
    static func vars(_ inventory: AnsibleInventory, _ host: String) -> [String: JSONValue]? {
        inventory.host(host)?.members
    }

    /// A minimal lab file: one prefix with ranges, and the machines given in YAML.
    static func smallLab(hosts: String, vms: String = "", clusters: String = "", groups: String = "") throws -> Lab {
        try lab("""
            prefixes:
              - cidr: 10.0.0.0/24
                ranges:
                  - name: lab-a
                    first: 10.0.0.10
                    last: 10.0.0.99
                    purpose: static
                  - name: empty-range
                    first: 10.0.0.200
                    last: 10.0.0.210
                    purpose: reserved
            hosts:
            \(hosts)
            \(vms.isEmpty ? "" : "vms:\n" + vms)
            \(clusters.isEmpty ? "" : "clusters:\n" + clusters)
            \(groups.isEmpty ? "" : "groups:\n" + groups)
            """)
    }
}
