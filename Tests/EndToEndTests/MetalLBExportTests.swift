import Foundation
import LabTestSupport
import Testing

/// `labdb export --metallb`: MetalLB manifests from the lab's load-balancer ranges, read
/// back by a real YAML parser (PyYAML) and checked against the CRDs' required fields.
@Suite("MetalLB manifests from the lab")
struct MetalLBExportTests {
    /// A seeded database in its own folder.
    static func seeded() throws -> (TemporaryFolder, String) {
        let folder = try TemporaryFolder()
        let db = folder.file("lab.db")
        let result = try LabdbProcess.run(["--db", db, "init", "--seed", LabdbProcess.seed])
        #expect(result.status == 0, "\(result.stderr)")
        return (folder, db)
    }

    /// The YAML stream parsed by PyYAML and printed back as JSON.
    static func parseYAML(_ text: String) throws -> [[String: Any]] {
        let script = "import json, sys, yaml; print(json.dumps([d for d in yaml.safe_load_all(sys.stdin) if d is not None]))"
        let result = try ProcessRun.run("/usr/bin/env", ["python3", "-c", script], stdin: text)
        #expect(result.status == 0, "PyYAML: \(result.stderr)")
        return (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]) ?? []
    }

    /// The CRDs' required fields: every manifest has apiVersion, kind, metadata.name and
    /// namespace; a pool has spec.addresses as a list of strings; an advertisement's
    /// ipAddressPools name existing pools.
    static func checkCRDs(_ documents: [[String: Any]]) -> (pools: [[String: Any]], advertisements: [[String: Any]]) {
        for document in documents {
            #expect(document["apiVersion"] as? String == "metallb.io/v1beta1")
            let metadata = document["metadata"] as? [String: Any]
            #expect(metadata?["name"] is String && metadata?["namespace"] as? String == "metallb-system")
        }
        let pools = documents.filter { $0["kind"] as? String == "IPAddressPool" }
        let advertisements = documents.filter { $0["kind"] as? String == "L2Advertisement" }
        for pool in pools {
            let spec = pool["spec"] as? [String: Any]
            #expect((spec?["addresses"] as? [String])?.isEmpty == false)
            #expect(spec?["autoAssign"] is Bool)
        }
        let names = Set(pools.compactMap { ($0["metadata"] as? [String: Any])?["name"] as? String })
        for advertisement in advertisements {
            let referenced = ((advertisement["spec"] as? [String: Any])?["ipAddressPools"] as? [String]) ?? []
            #expect(!referenced.isEmpty && Set(referenced).isSubset(of: names))
        }
        return (pools, advertisements)
    }

    @Test("the seed's MetalLB pool for prod equals the lab's range, is not auto-assigned (shared by two clusters), and is advertised")
    func seedPool() throws {
        let (folder, db) = try Self.seeded()
        _ = folder
        let export = try LabdbProcess.run(["--db", db, "export", "--metallb", "--cluster", "prod"])
        #expect(export.status == 0, "\(export.stderr)")
        let (pools, advertisements) = Self.checkCRDs(try Self.parseYAML(export.stdout))
        #expect(pools.count == 1 && advertisements.count == 1)
        let spec = pools.first?["spec"] as? [String: Any]
        let ranges = try LabdbProcess.run(["--db", db, "query", "ranges where name = metallb select first, last", "--format", "json"])
        let range = (try JSONSerialization.jsonObject(with: Data(ranges.stdout.utf8)) as? [[String: Any]])?.first
        let expected = "\(range?["first"] as? String ?? "?")-\(range?["last"] as? String ?? "?")"
        #expect(spec?["addresses"] as? [String] == [expected])
        #expect(expected == "192.168.1.100-192.168.1.150")
        #expect(spec?["autoAssign"] as? Bool == false, "two clusters share it: addresses come from labdb")

        let json = try LabdbProcess.run(["--db", db, "export", "--metallb", "--cluster", "prod", "--format", "json"])
        let list = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(list?["kind"] as? String == "List")
        let (jsonPools, _) = Self.checkCRDs(list?["items"] as? [[String: Any]] ?? [])
        #expect((jsonPools.first?["spec"] as? [String: Any])?["addresses"] as? [String] == [expected])
    }

    @Test("a range for one cluster is auto-assigned; unknown clusters and clusters without a pool are clear errors; links round-trip")
    func linksAndErrors() throws {
        let (folder, db) = try Self.seeded()
        var lab = try LabdbProcess.run(["--db", db, "export"]).stdout
        #expect(lab.contains("clusters: [mgmt, prod]"))
        lab = lab.replacingOccurrences(of: "        clusters: [mgmt, prod]\n", with: """
                    clusters: [mgmt, prod]
                  - name: edge-lb
                    first: 192.168.1.160
                    last: 192.168.1.169
                    purpose: load-balancer
                    clusters: [edge]

            """)
        try lab.write(toFile: folder.file("lab.yaml"), atomically: true, encoding: .utf8)
        let imported = try LabdbProcess.run(["--db", db, "import", folder.file("lab.yaml")])
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        let edge = try Self.parseYAML(try LabdbProcess.run(["--db", db, "export", "--metallb", "--cluster", "edge"]).stdout)
        let (pools, _) = Self.checkCRDs(edge)
        #expect(pools.count == 1 && (pools.first?["spec"] as? [String: Any])?["autoAssign"] as? Bool == true)
        #expect((pools.first?["spec"] as? [String: Any])?["addresses"] as? [String] == ["192.168.1.160-192.168.1.169"])
        let all = Self.checkCRDs(try Self.parseYAML(try LabdbProcess.run(["--db", db, "export", "--metallb"]).stdout))
        #expect(all.pools.count == 2)
        // The export's revision line moves with every change; the rest must read as written.
        func withoutRevision(_ text: String) -> String { text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("revision:") }.joined(separator: "\n") }
        #expect(withoutRevision(try LabdbProcess.run(["--db", db, "export"]).stdout) == withoutRevision(lab), "the links export as written")
        #expect(try LabdbProcess.run(["--db", db, "import", "--dry-run", folder.file("lab.yaml")]).stdout.contains("No changes"), "and re-import as no change")

        let typo = try LabdbProcess.run(["--db", db, "export", "--metallb", "--cluster", "prdo"])
        #expect(typo.status == 1 && typo.stderr.contains("did you mean 'prod'"))
        let bad = lab.replacingOccurrences(of: "clusters: [edge]", with: "clusters: [egde]")
        try bad.write(toFile: folder.file("bad.yaml"), atomically: true, encoding: .utf8)
        let refused = try LabdbProcess.run(["--db", db, "import", folder.file("bad.yaml")])
        #expect(refused.status == 1 && refused.stderr.contains("unknown cluster 'egde' (did you mean 'edge'?)"), "\(refused.stderr)")
    }
}
