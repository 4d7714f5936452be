import LabExport
import LabModel
import Testing

@Suite("Inventory group names")
struct InventoryNamingTests {
    @Test("sanitising: lower case, every other character becomes _", arguments: [
        ("k8s-workers", "tag_k8s_workers", true),
        ("k8s", "tag_k8s", false),
        ("K8s", "tag_k8s", true),
        ("web.front", "tag_web_front", true),
        ("under_score", "tag_under_score", false),
        ("2fast", "tag_2fast", false),
    ])
    func sanitize(input: String, expected: String, changed: Bool) {
        let result = AnsibleGroupNaming.sanitize(input, prefix: "tag_")
        #expect(result.name == expected)
        #expect(result.changed == changed)
        #expect(InventoryGroup.isValidName(result.name))
    }

    @Test("a collision: the unchanged name keeps the group, the changed one gets a stable suffix")
    func collision() throws {
        let lab = try InventoryFixture.smallLab(hosts: """
              - name: a
                kind: server
                tags: [k8s-a]
              - name: b
                kind: server
                tags: [k8s_a]
              - name: c
                kind: server
                tags: [K8s_A]
            """)
        let inventory = AnsibleInventory(lab: lab)
        #expect(InventoryFixture.group(inventory, "tag_k8s_a")?.hosts == ["b"])
        let suffixed = inventory.groups.filter { $0.name.hasPrefix("tag_k8s_a_") }
        #expect(suffixed.count == 2)
        #expect(Set(suffixed.flatMap(\.hosts)) == ["a", "c"])
        for group in suffixed {
            #expect(group.name.count == "tag_k8s_a_".count + 8)
            #expect(InventoryGroup.isValidName(group.name))
        }
        // Stable: the same names whatever the order of the requests.
        let requests = [AnsibleGroupNaming.Request(key: "tag:k8s-a", name: "tag_k8s_a", changed: true),
                        AnsibleGroupNaming.Request(key: "tag:k8s_a", name: "tag_k8s_a", changed: false),
                        AnsibleGroupNaming.Request(key: "tag:K8s_A", name: "tag_k8s_a", changed: true)]
        let forward = AnsibleGroupNaming(requests).names
        let backward = AnsibleGroupNaming(requests.reversed()).names
        #expect(forward == backward)
        #expect(Set(forward.values).count == 3)
        #expect(forward["tag:k8s_a"] == "tag_k8s_a")
    }

    @Test("a cluster named like another cluster's role group does not take its name")
    func clusterRoleCollision() throws {
        let lab = try InventoryFixture.smallLab(hosts: """
              - name: n1
                kind: server
              - name: n2
                kind: server
            """, clusters: """
              - name: prod
                nodes:
                  - machine: n1
                    role: worker
              - name: prod_workers
                nodes:
                  - machine: n2
                    role: worker
            """)
        let inventory = AnsibleInventory(lab: lab)
        let names = inventory.groups.map(\.name)
        #expect(Set(names).count == names.count, "group names are unique")
        #expect(InventoryFixture.group(inventory, "cluster_prod")?.children == ["cluster_prod_workers"])
        #expect(InventoryFixture.group(inventory, "cluster_prod_workers")?.hosts == ["n1"])
        let other = inventory.groups.first { $0.name.hasPrefix("cluster_prod_workers_") && $0.children == ["cluster_prod_workers_workers"] }
        #expect(other != nil, "the cluster prod_workers got a suffixed name: \(names)")
    }

    @Test("reserved names are never handed out")
    func reserved() {
        let naming = AnsibleGroupNaming([.init(key: "x", name: "all", changed: false)], reserved: ["all"])
        #expect(naming.names["x"] != "all")
        #expect(naming.names["x"]?.hasPrefix("all_") == true)
    }
}
