import LabExport
import LabIP
import LabModel
import Testing

@Suite("Inventory host variables")
struct InventoryHostVarsTests {
    @Test("prod-worker-01 of the seed lab: address, cluster, role, host, sizes, disks")
    func seedWorker() throws {
        let vars = try #require(InventoryFixture.vars(AnsibleInventory(lab: try InventoryFixture.seedLab()), "prod-worker-01"))
        #expect(vars["ansible_host"] == .string("192.168.1.43"))
        #expect(vars["labdb_cluster"] == .string("prod"))
        #expect(vars["labdb_role"] == .string("worker"))
        #expect(vars["labdb_host"] == .string("z440"))
        #expect(vars["labdb_cpus"] == .int(4))
        #expect(vars["labdb_ram_bytes"] == .int(12 << 30))
        #expect(vars["labdb_addresses"] == .array([.string("192.168.1.43")]))
        #expect(vars["labdb_dns_names"] == .array([.string("prod-worker-01.lab.mathiaswouters.com")]))
        #expect(vars["labdb_tags"] == .array([.string("k8s")]))
        guard case .array(let disks)? = vars["labdb_disks"] else { Issue.record("no disks"); return }
        #expect(disks.count == 2)
        #expect(disks.last?.members?["size_bytes"] == .int(300 << 30))
        #expect(disks.last?.members?["pool"] == .string("longhorn-pool"))
    }

    @Test("free text is wrapped as __ansible_unsafe; the user's attributes are not")
    func unsafeWrapping() throws {
        var lab = try InventoryFixture.smallLab(hosts: """
              - name: box
                kind: server
                model: "{{ lookup('pipe', 'id') }}"
                description: "rack {% raw %} {{ 7 * 6 }}"
                attributes:
                  ansible_user: "{{ lab_user }}"
            """)
        // The lab file refuses such a disk name, but the database's schema admits it.
        lab.disks.append(Disk(machine: "box", name: "{{ disk }}", size: ByteSize(bytes: 1 << 30)))
        let inventory = AnsibleInventory(lab: lab)
        let vars = try #require(InventoryFixture.vars(inventory, "box"))
        #expect(vars["labdb_description"] == .fields([JSONField("__ansible_unsafe", .string("rack {% raw %} {{ 7 * 6 }}"))]))
        #expect(vars["labdb_model"] == .ansibleUnsafe("{{ lookup('pipe', 'id') }}"))
        #expect(vars["ansible_user"] == .string("{{ lab_user }}"))
        let text = JSONWriter().write(inventory.list())
        #expect(text.contains("\"labdb_description\":{\"__ansible_unsafe\":\"rack {% raw %} {{ 7 * 6 }}\"}"))
        #expect(text.contains("\"name\":{\"__ansible_unsafe\":\"{{ disk }}\"}"))
    }

    @Test("a machine without an address has no ansible_host but stays in its groups")
    func noAddress() throws {
        let lab = try InventoryFixture.smallLab(hosts: """
              - name: pi-without-ip
                kind: pi
            """)
        let inventory = AnsibleInventory(lab: lab)
        let vars = try #require(InventoryFixture.vars(inventory, "pi-without-ip"))
        #expect(vars["ansible_host"] == nil)
        #expect(vars["labdb_addresses"] == .array([]))
        #expect(InventoryFixture.group(inventory, "edge_pis")?.hosts == ["pi-without-ip"])
        #expect(inventory.hostNames == ["pi-without-ip"])
    }

    @Test("a disabled machine is in no group and not in _meta, but --host still describes it")
    func disabled() throws {
        let lab = try InventoryFixture.smallLab(hosts: """
              - name: off
                kind: pi
                enabled: false
                tags: [k8s]
                addresses:
                  - ip: 10.0.0.12
              - name: on
                kind: pi
                tags: [k8s]
            """)
        let inventory = AnsibleInventory(lab: lab)
        #expect(!inventory.groups.contains { $0.hosts.contains("off") })
        #expect(inventory.hostNames == ["on"])
        #expect(InventoryFixture.group(inventory, "tag_k8s")?.hosts == ["on"])
        let vars = try #require(InventoryFixture.vars(inventory, "OFF"), "--host is case-insensitive and answers for disabled machines")
        #expect(vars["labdb_enabled"] == .bool(false))
        #expect(vars["ansible_host"] == .string("10.0.0.12"))
        #expect(inventory.host("nope") == nil)
    }

    @Test("attributes become host variables; ansible_host may be overridden, labdb_ facts may not")
    func attributes() throws {
        let lab = try InventoryFixture.smallLab(hosts: """
              - name: box
                kind: server
                attributes:
                  ansible_user: root
                  ansible_host: box.example
                  labdb_kind: forged
                addresses:
                  - ip: 10.0.0.13
            """)
        let vars = try #require(InventoryFixture.vars(AnsibleInventory(lab: lab), "box"))
        #expect(vars["ansible_user"] == .string("root"))
        #expect(vars["ansible_host"] == .string("box.example"))
        #expect(vars["labdb_kind"] == .string("server"))
        // Keys stay sorted when attributes are merged in.
        guard case .fields(let fields)? = AnsibleInventory(lab: lab).host("box") else { Issue.record("not fields"); return }
        #expect(fields.map(\.key) == fields.map(\.key).sorted())
    }

    @Test("group variables from the lab file: all, a generated group, a group of the user's own")
    func groupVars() throws {
        let lab = try InventoryFixture.smallLab(hosts: """
              - name: box
                kind: server
                tags: [web]
            """, groups: """
              - name: all
                vars:
                  ansible_user: admin
              - name: tag_web
                vars:
                  http_port: "8080"
              - name: backup_targets
                description: filled by hand in playbooks
                vars:
                  retention: 7d
            """)
        let inventory = AnsibleInventory(lab: lab)
        #expect(inventory.allVars == ["ansible_user": .string("admin")])
        #expect(InventoryFixture.group(inventory, "tag_web")?.vars == ["http_port": .string("8080")])
        #expect(InventoryFixture.group(inventory, "tag_web")?.hosts == ["box"])
        #expect(InventoryFixture.group(inventory, "backup_targets")?.hosts == [])
        #expect(InventoryFixture.group(inventory, "backup_targets")?.vars == ["retention": .string("7d")])
        let text = JSONWriter().write(inventory.list())
        #expect(text.contains("\"all\":{\"vars\":{\"ansible_user\":\"admin\"}}"))
    }
}
