import Foundation
import LabExport
import LabModel
import Testing

@Suite("Inventory grouping")
struct InventoryGroupingTests {
    @Test("the seed lab: clusters with role children, infra VMs, edge Pis, the Proxmox host")
    func seedGroups() throws {
        let inventory = AnsibleInventory(lab: try InventoryFixture.seedLab())
        let group = { InventoryFixture.group(inventory, $0) }
        #expect(group("cluster_prod")?.children == ["cluster_prod_control_plane", "cluster_prod_workers"])
        #expect(group("cluster_prod")?.hosts == [])
        #expect(group("cluster_prod_workers")?.hosts == ["prod-worker-01", "prod-worker-02", "prod-worker-03"])
        #expect(group("cluster_prod_control_plane")?.hosts == ["prod-cp-01", "prod-cp-02", "prod-cp-03"])
        #expect(group("cluster_mgmt")?.children == ["cluster_mgmt_control_plane", "cluster_mgmt_workers"])
        #expect(group("cluster_edge")?.children == ["cluster_edge_all_in_one"])
        #expect(group("infra_vms")?.hosts == ["bastion", "gitlab", "minio", "pihole", "vault"])
        #expect(group("edge_pis")?.hosts == ["edge-pi-01", "edge-pi-02", "edge-pi-03"])
        #expect(group("proxmox_hosts")?.hosts == ["z440"])
        #expect(group("tag_k8s")?.hosts.count == 12)
        #expect(group("range_infra")?.hosts == ["bastion", "gitlab", "minio", "vault"])
        #expect(group("range_metallb")?.hosts == [], "a range holding only services is an empty group")
        #expect(group("cluster_prod")?.vars["labdb_distribution"] == .ansibleUnsafe("rke2"))
    }

    @Test("every enabled machine is in some group, and every group name is valid for Ansible")
    func everyMachineGrouped() throws {
        let lab = try InventoryFixture.seedLab()
        let inventory = AnsibleInventory(lab: lab)
        let grouped = Set(inventory.groups.flatMap(\.hosts))
        #expect(grouped == Set(lab.machines.filter(\.enabled).map(\.name)))
        #expect(Set(inventory.hostNames) == grouped)
        for group in inventory.groups {
            #expect(InventoryGroup.isValidName(group.name), "\(group.name)")
        }
    }

    @Test("children form no cycle and every child is a group")
    func noCycles() throws {
        let inventory = AnsibleInventory(lab: try InventoryFixture.seedLab())
        let children = Dictionary(uniqueKeysWithValues: inventory.groups.map { ($0.name, $0.children) })
        func visit(_ name: String, _ path: Set<String>) {
            #expect(!path.contains(name), "cycle through \(name)")
            guard !path.contains(name) else { return }
            for child in children[name] ?? [] {
                #expect(children[child] != nil, "child \(child) of \(name) is no group")
                visit(child, path.union([name]))
            }
        }
        for name in children.keys { visit(name, []) }
    }

    @Test("a machine with no group lands in ungrouped")
    func ungrouped() throws {
        let lab = try InventoryFixture.smallLab(hosts: """
              - name: lonely
                kind: switch
            """)
        let inventory = AnsibleInventory(lab: lab)
        #expect(InventoryFixture.group(inventory, "ungrouped")?.hosts == ["lonely"])
    }

    @Test("the --list document: _meta.hostvars, all.vars, empty groups as {\"hosts\": []}")
    func listShape() throws {
        let lab = try InventoryFixture.smallLab(hosts: """
              - name: box
                kind: server
                addresses:
                  - ip: 10.0.0.11
            """)
        let text = JSONWriter().write(AnsibleInventory(lab: lab).list())
        #expect(text.contains("\"range_empty_range\":{\"hosts\":[]}"))
        #expect(text.contains("\"edge_pis\":{\"hosts\":[]}"))
        #expect(text.hasPrefix("{\"_meta\":{\"hostvars\":{\"box\":{\"ansible_host\":\"10.0.0.11\""))
        #expect(text.contains("\"all\":{\"vars\":{}}"))
        #expect(text.contains("\"range_lab_a\":{\"hosts\":[\"box\"]}"))
    }

    @Test("the output is deterministic: the same lab in any input order gives the same bytes")
    func deterministic() throws {
        let lab = try InventoryFixture.seedLab()
        var shuffled = lab
        shuffled.machines.reverse()
        shuffled.allocations.reverse()
        shuffled.nodes.reverse()
        shuffled.disks.reverse()
        shuffled.ranges.reverse()
        shuffled.clusters.reverse()
        let first = JSONWriter().write(AnsibleInventory(lab: lab).list())
        let second = JSONWriter().write(AnsibleInventory(lab: shuffled.normalized()).list())
        #expect(first == second)
        #expect(first == JSONWriter().write(AnsibleInventory(lab: lab).list()))
    }
}
