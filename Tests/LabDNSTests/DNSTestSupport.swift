import Foundation
import LabModel
import LabStore

/// A unique temporary folder, removed by `remove()`.
struct DNSTempFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "labdb-dns-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// A small lab with one zone, records of both views, allocations with DNS names and the given targets.
enum DNSTestLab {
    static func yaml(targets: String) -> String {
        """
        prefixes:
          - cidr: 192.168.1.0/24
            ranges:
              - name: servers
                first: 192.168.1.10
                last: 192.168.1.99
                purpose: static
          - cidr: fd00:1::/64
        hosts:
          - name: pve
            kind: server
            addresses:
              - ip: 192.168.1.10
                dns: pve.lab.example.com
              - ip: fd00:1::10
                dns: pve.lab.example.com
          - name: gitlab
            kind: server
            addresses:
              - ip: 192.168.1.25
                dns: GitLab.lab.example.com.
              - ip: 192.168.1.26
                dns: other.elsewhere.org
              # Holds the address *.k8s points at: a record at an unallocated address is refused.
              - ip: 192.168.1.101
        zones:
          - name: example.com
            records:
              - name: www
                type: CNAME
                value: example.pages.dev
                view: public
                proxied: true
              - name: api
                type: A
                value: 203.0.113.7
                view: public
                ttl: 300
              - name: grafana
                type: CNAME
                value: pve.lab.example.com
                view: internal
              - name: "*.k8s"
                type: A
                value: 192.168.1.101
                view: internal
        \(targets)
        """
    }

    /// Opens a fresh database in `folder` and imports the lab.
    static func database(in folder: DNSTempFolder, targets: String) throws -> Database {
        let db = try LabDatabase.open(path: folder.file("lab.db"))
        try LabImporter(database: db).apply(try LabFileParser(file: "test.yaml").parse(yaml(targets: targets)))
        return db
    }
}
