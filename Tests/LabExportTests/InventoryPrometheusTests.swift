import Foundation
import LabExport
import LabModel
import Testing

@Suite("Inventory Prometheus targets")
struct InventoryPrometheusTests {
    @Test("one target group per enabled machine with an address, node exporter on :9100, labelled")
    func seedTargets() throws {
        let lab = try InventoryFixture.seedLab()
        let targets = PrometheusTargets(lab: lab)
        let withAddress = Set(lab.allocations.compactMap { allocation -> String? in
            if case .machine(let name) = allocation.holder { return name } else { return nil }
        })
        #expect(targets.entries.count == lab.machines.filter { $0.enabled && withAddress.contains($0.name) }.count)
        let data = Data(targets.json.utf8)
        let groups = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let worker = try #require(groups.first { ($0["labels"] as? [String: String])?["machine"] == "prod-worker-01" })
        #expect(worker["targets"] as? [String] == ["192.168.1.43:9100"])
        #expect(worker["labels"] as? [String: String] == ["machine": "prod-worker-01", "cluster": "prod", "role": "worker", "host": "z440", "kind": "vm"])
        let z440 = try #require(groups.first { ($0["labels"] as? [String: String])?["machine"] == "z440" })
        #expect(z440["labels"] as? [String: String] == ["machine": "z440", "kind": "server"], "labels without a value are left out")
    }

    @Test("disabled and address-less machines are not scraped; IPv6 targets are bracketed")
    func skipped() throws {
        let lab = try InventoryFixture.lab("""
            prefixes:
              - cidr: 10.0.0.0/24
              - cidr: fd00::/64
            hosts:
              - name: off
                kind: server
                enabled: false
                addresses:
                  - ip: 10.0.0.5
              - name: nowhere
                kind: server
              - name: six
                kind: server
                addresses:
                  - ip: fd00::5
            """)
        let targets = PrometheusTargets(lab: lab, port: 9200)
        #expect(targets.entries.count == 1)
        #expect(targets.json.contains("\"[fd00::5]:9200\""))
    }
}
