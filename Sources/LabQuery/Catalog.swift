/// The closed catalog of entities and fields: the only identifiers compiled SQL contains.
public struct Catalog: Sendable {
    /// The entities, in `.entities` order.
    public let entities: [Entity]
    /// SQL listing the names of each name source (`SELECT name ...`), for "did you mean" and completion.
    public let nameSources: [String: String]

    /// The entity called `name` (case-insensitive); singular forms are accepted too.
    public func entity(_ name: String) -> Entity? {
        let lowered = name.lowercased()
        return entities.first { $0.name == lowered || $0.singular == lowered }
    }

    /// The labdb catalog.
    public static let lab = Catalog(entities: [
        hostsEntity, vmsEntity, clustersEntity, nodesEntity, disksEntity, poolsEntity,
        prefixesEntity, rangesEntity, ipsEntity, recordsEntity, zonesEntity,
    ], nameSources: [
        "hosts": "SELECT name FROM machines WHERE kind NOT IN ('vm', 'lxc')",
        "vms": "SELECT name FROM machines WHERE kind IN ('vm', 'lxc')",
        "clusters": "SELECT name FROM clusters",
        "pools": "SELECT DISTINCT name FROM pools",
        "prefixes": "SELECT name FROM prefixes WHERE name IS NOT NULL",
        "ranges": "SELECT name FROM ranges",
        "zones": "SELECT name FROM zones",
        "services": "SELECT name FROM services",
        "holders": "SELECT name FROM machines UNION SELECT name FROM services UNION SELECT name FROM clusters",
    ])
}

// The SQL fragments below are fixed code: no user text ever reaches them.
/// `family,HEX` of an address, NULL when the address is (hex(NULL) is '', so `is null` needs the nullif).
private func addressText(_ family: String, _ address: String) -> String {
    "\(family) || ',' || nullif(hex(\(address)), '')"
}

private let machineAddresses = "addresses a WHERE a.machine_id = t.id"
private let primaryAddress = "(SELECT \(addressText("a.family", "a.address")) FROM addresses a WHERE a.machine_id = t.id ORDER BY a.position, a.address LIMIT 1)"
private let primaryDNS = "(SELECT a.dns_name FROM addresses a WHERE a.machine_id = t.id ORDER BY a.position, a.address LIMIT 1)"
private let machineTags = "(SELECT group_concat(tag, ',') FROM (SELECT tag FROM machine_tags g WHERE g.machine_id = t.id ORDER BY tag))"
private let machineClusters = "(SELECT group_concat(c.name, ',') FROM cluster_nodes n JOIN clusters c ON c.id = n.cluster_id WHERE n.machine_id = t.id)"
private let tagElements = ElementSource(from: "machine_tags lg WHERE lg.machine_id = t.id", value: "lg.tag")
private let clusterElements = ElementSource(from: "cluster_nodes ln JOIN clusters lc ON lc.id = ln.cluster_id WHERE ln.machine_id = t.id", value: "lc.name")
private let roleElements = ElementSource(from: "cluster_nodes ln WHERE ln.machine_id = t.id", value: "ln.role")
private let clusterMembers = "SELECT n.machine_id FROM cluster_nodes n JOIN clusters c ON c.id = n.cluster_id WHERE c.name = ?"
private let machineDeletionSteps = [
    "DELETE FROM addresses WHERE machine_id = ?",
    "DELETE FROM disks WHERE machine_id = ?",
    "DELETE FROM pools WHERE host_id = ?",
    "DELETE FROM machines WHERE id = ?",
]

private let hostsEntity = Entity(
    name: "hosts", singular: "host", summary: "physical machines (servers, Pis, network gear)",
    from: "machines t", condition: "t.kind NOT IN ('vm', 'lxc')",
    fields: [
        Field("name", .text, "t.name", "the host's name"),
        Field("kind", .text, "t.kind", "server, pi, router, switch, nas or other", choices: ["server", "pi", "router", "switch", "nas", "other"],
              insert: ("kind", "?")),
        Field("model", .text, "t.model", "hardware model", column: "model"),
        Field("cpus", .int, "t.cpus", "CPU cores", column: "cpus"),
        Field("ram", .size, "t.ram_bytes", "memory", column: "ram_bytes"),
        Field("ram_reserve", .size, "t.ram_reserve_bytes", "memory kept for the host itself", column: "ram_reserve_bytes"),
        Field("enabled", .bool, "t.enabled", "whether it is in service", column: "enabled"),
        Field("ip", .address, primaryAddress, "its addresses (the primary one is shown)", address: .held(machineAddresses)),
        Field("dns", .text, primaryDNS, "DNS name of the primary address"),
        Field("guests", .int, "(SELECT count(*) FROM machines g WHERE g.host_id = t.id)", "number of VMs and containers on it"),
        Field("cluster", .text, machineClusters, "clusters it is a node of (a list: cluster = prod means one of them)", references: ["clusters"],
              elements: clusterElements),
        Field("tags", .text, machineTags, "tags, comma-separated (a list: tags = k8s means has the tag k8s)", elements: tagElements),
        Field("description", .text, "t.description", "free text", column: "description"),
    ],
    defaultColumns: ["name", "kind", "model", "cpus", "ram", "ip", "guests", "tags"],
    defaultSort: ["name"], keyField: "name",
    relations: [
        Relation(source: "clusters", condition: "t.id IN (\(clusterMembers))"),
        Relation(source: "vms", condition: "t.id IN (SELECT g.host_id FROM machines g WHERE g.name = ?)"),
    ],
    table: "machines",
    deletion: Deletion(dependants: [
        ("vms", "SELECT name FROM machines WHERE host_id = ? ORDER BY name"),
        ("clusters", "SELECT c.name FROM cluster_nodes n JOIN clusters c ON c.id = n.cluster_id WHERE n.machine_id = ? ORDER BY c.name"),
    ], steps: machineDeletionSteps),
    insertion: Insertion(defaults: ["kind": "'server'"], required: [], maximumNameLength: 63))

private let vmsEntity = Entity(
    name: "vms", singular: "vm", summary: "virtual machines and LXC containers, each on a host",
    from: "machines t", condition: "t.kind IN ('vm', 'lxc')",
    fields: [
        Field("name", .text, "t.name", "the VM's name"),
        Field("type", .text, "t.kind", "vm or lxc", choices: ["vm", "lxc"], insert: ("kind", "?")),
        Field("host", .text, "(SELECT h.name FROM machines h WHERE h.id = t.host_id)", "the host it runs on", references: ["hosts"],
              insert: ("host_id", "(SELECT id FROM machines WHERE name = ? COLLATE NOCASE AND kind NOT IN ('vm', 'lxc'))")),
        Field("cpus", .int, "t.cpus", "virtual CPUs", column: "cpus"),
        Field("ram", .size, "t.ram_bytes", "memory", column: "ram_bytes"),
        Field("disk", .size, "(SELECT sum(d.size_bytes) FROM disks d WHERE d.machine_id = t.id)", "total size of its disks"),
        Field("ip", .address, primaryAddress, "its addresses (the primary one is shown)", address: .held(machineAddresses)),
        Field("dns", .text, primaryDNS, "DNS name of the primary address"),
        Field("cluster", .text, machineClusters, "clusters it is a node of (a list: cluster = prod means one of them)", references: ["clusters"],
              elements: clusterElements),
        Field("role", .text, "(SELECT group_concat(n.role, ',') FROM cluster_nodes n WHERE n.machine_id = t.id)", "control-plane, worker or all-in-one (a list, one per cluster)",
              elements: roleElements),
        Field("enabled", .bool, "t.enabled", "whether it is in service", column: "enabled"),
        Field("tags", .text, machineTags, "tags, comma-separated (a list: tags = k8s means has the tag k8s)", elements: tagElements),
        Field("description", .text, "t.description", "free text", column: "description"),
    ],
    defaultColumns: ["name", "type", "host", "cpus", "ram", "disk", "ip", "cluster", "role"],
    defaultSort: ["name"], keyField: "name",
    relations: [
        Relation(source: "hosts", condition: "t.host_id IN (SELECT h.id FROM machines h WHERE h.name = ?)"),
        Relation(source: "clusters", condition: "t.id IN (\(clusterMembers))"),
    ],
    table: "machines",
    deletion: Deletion(dependants: [
        ("clusters", "SELECT c.name FROM cluster_nodes n JOIN clusters c ON c.id = n.cluster_id WHERE n.machine_id = ? ORDER BY c.name"),
    ], steps: machineDeletionSteps),
    insertion: Insertion(defaults: ["kind": "'vm'"], required: ["host"], maximumNameLength: 63))

private let clustersEntity = Entity(
    name: "clusters", singular: "cluster", summary: "Kubernetes clusters and their totals",
    from: "clusters t", condition: nil,
    fields: [
        Field("name", .text, "t.name", "the cluster's name"),
        Field("distribution", .text, "t.distribution", "k3s, rke2, kubeadm, ...", column: "distribution"),
        Field("nodes", .int, "(SELECT count(*) FROM cluster_nodes n WHERE n.cluster_id = t.id)", "number of nodes"),
        Field("cpus", .int, "(SELECT sum(m.cpus) FROM cluster_nodes n JOIN machines m ON m.id = n.machine_id WHERE n.cluster_id = t.id)", "CPUs of its nodes"),
        Field("ram", .size, "(SELECT sum(m.ram_bytes) FROM cluster_nodes n JOIN machines m ON m.id = n.machine_id WHERE n.cluster_id = t.id)", "memory of its nodes"),
        Field("description", .text, "t.description", "free text", column: "description"),
    ],
    defaultColumns: ["name", "distribution", "nodes", "cpus", "ram"],
    defaultSort: ["name"], keyField: "name",
    relations: [
        Relation(source: "hosts", condition: "t.id IN (SELECT n.cluster_id FROM cluster_nodes n JOIN machines m ON m.id = n.machine_id WHERE m.name = ?)"),
        Relation(source: "vms", condition: "t.id IN (SELECT n.cluster_id FROM cluster_nodes n JOIN machines m ON m.id = n.machine_id WHERE m.name = ?)"),
    ],
    table: "clusters",
    deletion: Deletion(dependants: [
        ("nodes", "SELECT m.name FROM cluster_nodes n JOIN machines m ON m.id = n.machine_id WHERE n.cluster_id = ? ORDER BY m.name"),
        ("services", "SELECT name FROM services WHERE cluster_id = ? ORDER BY name"),
    ], steps: ["DELETE FROM clusters WHERE id = ?"]),
    insertion: Insertion(defaults: [:], required: [], maximumNameLength: 63))

private let nodesEntity = Entity(
    name: "nodes", singular: "node", summary: "cluster membership: one row per machine and cluster",
    from: "cluster_nodes t JOIN machines m ON m.id = t.machine_id JOIN clusters c ON c.id = t.cluster_id", condition: nil,
    fields: [
        Field("name", .text, "m.name", "the machine's name"),
        Field("cluster", .text, "c.name", "the cluster", references: ["clusters"]),
        Field("role", .text, "t.role", "control-plane, worker or all-in-one", choices: ["control-plane", "worker", "all-in-one"]),
        Field("type", .text, "m.kind", "the machine's kind (vm, pi, ...)"),
        Field("cpus", .int, "m.cpus", "CPUs"),
        Field("ram", .size, "m.ram_bytes", "memory"),
        Field("ip", .address, "(SELECT \(addressText("a.family", "a.address")) FROM addresses a WHERE a.machine_id = m.id ORDER BY a.position, a.address LIMIT 1)",
              "its addresses (the primary one is shown)", address: .held("addresses a WHERE a.machine_id = m.id")),
    ],
    defaultColumns: ["cluster", "name", "role", "cpus", "ram", "ip"],
    defaultSort: ["cluster", "name"], keyField: "name",
    relations: [Relation(source: "clusters", condition: "c.name = ?")],
    table: nil, deletion: nil, insertion: nil)

private let disksEntity = Entity(
    name: "disks", singular: "disk", summary: "disks of machines, and the pools they live in",
    from: "disks t JOIN machines m ON m.id = t.machine_id LEFT JOIN pools p ON p.id = t.pool_id", condition: nil,
    fields: [
        Field("machine", .text, "m.name", "the machine it belongs to", references: ["hosts", "vms"]),
        Field("name", .text, "t.name", "the disk's name (sda, scsi0, ...)"),
        Field("size", .size, "t.size_bytes", "its size"),
        Field("pool", .text, "p.name", "the pool it is allocated in", references: ["pools"]),
        Field("media", .text, "t.media", "hdd, ssd, nvme, sd, usb-ssd or virtual", choices: ["hdd", "ssd", "nvme", "sd", "usb-ssd", "virtual"]),
    ],
    defaultColumns: ["machine", "name", "size", "pool", "media"],
    defaultSort: ["machine", "name"], keyField: "name",
    relations: [
        Relation(source: "hosts", condition: "m.name = ?"),
        Relation(source: "vms", condition: "m.name = ?"),
        Relation(source: "pools", condition: "p.name = ?"),
    ],
    table: nil, deletion: nil, insertion: nil)

private let poolsEntity = Entity(
    name: "pools", singular: "pool", summary: "storage pools of hosts, with what is allocated in them",
    from: "pools t JOIN machines h ON h.id = t.host_id", condition: nil,
    fields: [
        Field("name", .text, "t.name", "the pool's name"),
        Field("host", .text, "h.name", "the host it belongs to", references: ["hosts"], insert: ("host", "?")),
        Field("type", .text, "t.type", "dir, lvm, lvm-thin, zfs, ...", choices: ["dir", "lvm", "lvm-thin", "zfs", "nfs", "cephfs", "rbd", "btrfs"],
              insert: ("type", "?")),
        Field("size", .size, "t.size_bytes", "its size", column: "size_bytes"),
        Field("thin", .bool, "t.thin", "whether it is thin-provisioned (add: default true for lvm-thin and zfs)", insert: ("thin", "?")),
        Field("used", .size, "(SELECT coalesce(sum(d.size_bytes), 0) FROM disks d JOIN machines g ON g.id = d.machine_id WHERE d.pool_id = t.id AND g.kind IN ('vm', 'lxc'))",
              "size of the guest disks allocated in it"),
        Field("description", .text, "t.description", "free text", column: "description"),
    ],
    defaultColumns: ["name", "host", "type", "size", "thin", "used"],
    defaultSort: ["host", "name"], keyField: "name",
    relations: [Relation(source: "hosts", condition: "h.name = ?")],
    table: "pools",
    deletion: Deletion(dependants: [
        ("disks", "SELECT m.name || ':' || d.name FROM disks d JOIN machines m ON m.id = d.machine_id WHERE d.pool_id = ? ORDER BY 1"),
    ], steps: ["DELETE FROM pools WHERE id = ?"]),
    // Added through the importer: pool names are unique per host, and only a physical host has pools.
    insertion: Insertion(defaults: [:], required: ["host", "type", "size"], maximumNameLength: 63), addsThroughLab: true)

private let prefixesEntity = Entity(
    name: "prefixes", singular: "prefix", summary: "IP networks (CIDR) holding ranges and addresses",
    from: "prefixes t", condition: nil,
    fields: [
        Field("name", .text, "t.name", "the prefix's name"),
        Field("cidr", .cidr, "t.family || ',' || hex(t.network) || '/' || t.length", "the network, e.g. 192.168.1.0/24", insert: ("cidr", "?")),
        Field("family", .int, "t.family", "4 or 6"),
        Field("length", .int, "t.length", "prefix length"),
        Field("gateway", .address, addressText("t.family", "t.gateway"), "the gateway address", address: .columns(family: "t.family", address: "t.gateway"),
              insert: ("gateway", "?")),
    ] + usageFields(family: "t.family", first: "t.network", last: "t.last", network: "t.network", length: "t.length", what: "prefix") + [
        Field("description", .text, "t.description", "free text", column: "description"),
    ],
    defaultColumns: ["name", "cidr", "gateway", "used", "description"],
    defaultSort: ["cidr"], keyField: "name",
    relations: [],
    table: "prefixes",
    deletion: Deletion(dependants: [
        ("ranges", "SELECT name FROM ranges WHERE prefix_id = ? ORDER BY name"),
        ("ips", "SELECT coalesce(dns_name, 'address ' || id) FROM addresses WHERE prefix_id = ? ORDER BY address"),
    ], steps: ["DELETE FROM prefixes WHERE id = ?"]),
    // Added through the importer: a valid network with its host bits zero, unique, the gateway inside it.
    insertion: Insertion(defaults: [:], required: ["cidr"], maximumNameLength: 63), addsThroughLab: true)

/// The utilisation fields of prefixes and ranges, as `labdb ranges` shows them: the columns
/// of the bounds and of the prefix that clamps them go to the SQL functions that LabOperations
/// defines over LabModel's `AddressUsage`.
private func usageFields(family: String, first: String, last: String, network: String, length: String, what: String) -> [Field] {
    let bounds = [family, first, last, network, length].joined(separator: ", ")
    let used = "(SELECT count(*) FROM addresses a WHERE a.family = \(family) AND a.address >= \(first) AND a.address <= \(last))"
    let firstFree = "labdb_first_free(\(bounds))"
    return [
        Field("size", .int, "labdb_usable_size(\(bounds))", "usable addresses (without network and broadcast)"),
        Field("used", .int, used, "allocated addresses in the \(what)"),
        Field("free", .int, "labdb_free(\(bounds), \(used))", "usable addresses not allocated"),
        Field("used_percent", .number, "labdb_used_percent(\(bounds), \(used))", "percent of the usable addresses allocated (100 when none are usable)"),
        Field("first_free", .address, addressText(family, firstFree), "the first free address (null when full)",
              address: .columns(family: family, address: firstFree)),
    ]
}

private let rangesEntity = Entity(
    name: "ranges", singular: "range", summary: "named address ranges inside prefixes",
    from: "ranges t JOIN prefixes p ON p.id = t.prefix_id", condition: nil,
    fields: [
        Field("name", .text, "t.name", "the range's name"),
        Field("prefix", .text, "p.name", "the prefix it lies in (add: else the most specific one holding it)", references: ["prefixes"],
              insert: ("prefix", "?")),
        Field("first", .address, addressText("t.family", "t.first"), "first address", address: .columns(family: "t.family", address: "t.first"),
              insert: ("first", "?")),
        Field("last", .address, addressText("t.family", "t.last"), "last address", address: .columns(family: "t.family", address: "t.last"),
              insert: ("last", "?")),
        Field("purpose", .text, "t.purpose", "static, cluster, load-balancer, dhcp or reserved", column: "purpose",
              choices: ["static", "cluster", "load-balancer", "dhcp", "reserved"]),
    ] + usageFields(family: "t.family", first: "t.first", last: "t.last", network: "p.network", length: "p.length", what: "range") + [
        Field("description", .text, "t.description", "free text", column: "description"),
    ],
    defaultColumns: ["name", "prefix", "first", "last", "purpose", "used"],
    defaultSort: ["first"], keyField: "name",
    relations: [Relation(source: "prefixes", condition: "p.name = ?")],
    table: "ranges",
    deletion: Deletion(dependants: [
        ("ips", "SELECT coalesce(dns_name, 'address ' || id) FROM addresses WHERE range_id = ? ORDER BY address"),
    ], steps: ["DELETE FROM ranges WHERE id = ?"]),
    // Added through the importer: inside its prefix, no overlap, no nested prefix's network or broadcast address.
    insertion: Insertion(defaults: [:], required: ["first", "last", "purpose"], maximumNameLength: 63), addsThroughLab: true)

private let holderAddresses = """
    SELECT a.id FROM addresses a WHERE a.machine_id IN (SELECT id FROM machines WHERE name = ?) \
    OR a.service_id IN (SELECT id FROM services WHERE name = ?) \
    OR a.machine_id IN (\(clusterMembers)) \
    OR a.service_id IN (SELECT sv.id FROM services sv JOIN clusters c ON c.id = sv.cluster_id WHERE c.name = ?)
    """

private let ipsEntity = Entity(
    name: "ips", singular: "ip", summary: "allocated addresses and who holds them",
    from: "addresses t LEFT JOIN machines m ON m.id = t.machine_id LEFT JOIN services s ON s.id = t.service_id", condition: nil,
    fields: [
        Field("ip", .address, addressText("t.family", "t.address"), "the address", address: .columns(family: "t.family", address: "t.address")),
        Field("family", .int, "t.family", "4 or 6"),
        Field("holder", .text, "coalesce(m.name, s.name)", "the host, VM or service holding it", references: ["hosts", "vms", "services"]),
        Field("dns", .text, "t.dns_name", "its DNS name", column: "dns_name"),
        Field("range", .text, "(SELECT r.name FROM ranges r WHERE r.id = t.range_id)", "the range it lies in", references: ["ranges"]),
        Field("prefix", .text, "(SELECT p.name FROM prefixes p WHERE p.id = t.prefix_id)", "the prefix it lies in", references: ["prefixes"]),
        Field("description", .text, "t.description", "free text", column: "description"),
    ],
    defaultColumns: ["ip", "holder", "dns", "range"],
    defaultSort: ["ip"], keyField: "ip",
    relations: [
        Relation(source: "hosts", condition: "m.name = ?"),
        Relation(source: "vms", condition: "m.name = ?"),
        Relation(source: "services", condition: "s.name = ?"),
        Relation(source: "clusters", condition: "(t.machine_id IN (\(clusterMembers)) OR t.service_id IN (SELECT sv.id FROM services sv JOIN clusters c ON c.id = sv.cluster_id WHERE c.name = ?))"),
        Relation(source: "ranges", condition: "t.range_id IN (SELECT r.id FROM ranges r WHERE r.name = ?)"),
        Relation(source: "prefixes", condition: "t.prefix_id IN (SELECT p.id FROM prefixes p WHERE p.name = ?)"),
    ],
    table: "addresses", deletion: nil, insertion: nil)

private let recordsEntity = Entity(
    name: "records", singular: "record", summary: "DNS records of zones, by view (internal, public)",
    // The lab file's records and those the clusters' external-dns wrote (internal view, with their owner).
    from: """
        (SELECT zone_id, name, type, value, view, ttl, proxied, NULL AS owner FROM records \
        UNION ALL SELECT zone_id, name, type, value, 'internal', ttl, 0, owner FROM external_records) t JOIN zones z ON z.id = t.zone_id
        """, condition: nil,
    fields: [
        Field("name", .text, "t.name", "the name inside the zone (@ for the apex)"),
        Field("zone", .text, "z.name", "the zone", references: ["zones"], insert: ("zone", "?")),
        Field("fqdn", .text, "CASE WHEN t.name = '@' THEN z.name ELSE t.name || '.' || z.name END", "the full name"),
        Field("type", .text, "t.type", "A, AAAA or CNAME", choices: ["A", "AAAA", "CNAME"], insert: ("type", "?")),
        Field("value", .text, "t.value", "the address or target name", insert: ("value", "?")),
        Field("view", .text, "t.view", "internal (Pi-hole) or public (Cloudflare)", choices: ["internal", "public"], insert: ("view", "?")),
        Field("ttl", .int, "t.ttl", "time to live in seconds (60-86400; absent: automatic)", insert: ("ttl", "?")),
        Field("proxied", .bool, "t.proxied", "proxied by Cloudflare", insert: ("proxied", "?")),
        Field("owner", .text, "t.owner", "who wrote it: null for the lab file, external-dns:CLUSTER for a cluster's external-dns"),
    ],
    defaultColumns: ["fqdn", "type", "value", "view", "proxied"],
    defaultSort: ["zone", "view", "name", "type"], keyField: "fqdn",
    relations: [
        Relation(source: "zones", condition: "z.name = ?"),
        // Records that point at a holder's addresses, by name (CNAME) or by address (A/AAAA);
        // a cluster's holders are its nodes and its services.
        Relation(source: "holders", condition: """
            (t.value IN (SELECT a.dns_name FROM addresses a WHERE a.id IN (\(holderAddresses))) \
            OR (t.type IN ('A', 'AAAA') AND t.value IN (SELECT labdb_address_text(a.family, a.address) FROM addresses a WHERE a.id IN (\(holderAddresses)))))
            """),
    ],
    table: nil, deletion: nil,
    // Added and deleted through the importer: the whole-lab rules (type and value, CNAME at the apex, proxied only in public).
    insertion: Insertion(defaults: [:], required: ["zone", "type", "value", "view"], maximumNameLength: 253),
    addsThroughLab: true, deletesThroughLab: true)

private let zonesEntity = Entity(
    name: "zones", singular: "zone", summary: "DNS zones",
    from: "zones t", condition: nil,
    fields: [
        Field("name", .text, "t.name", "the zone's name"),
        Field("records", .int, "(SELECT count(*) FROM records r WHERE r.zone_id = t.id)", "number of records"),
        Field("description", .text, "t.description", "free text", column: "description"),
    ],
    defaultColumns: ["name", "records", "description"],
    defaultSort: ["name"], keyField: "name",
    relations: [],
    table: "zones",
    deletion: Deletion(dependants: [
        ("records", "SELECT CASE WHEN name = '@' THEN '@' ELSE name END || ' ' || type FROM records WHERE zone_id = ? ORDER BY name, type"),
    ], steps: ["DELETE FROM zones WHERE id = ?"]),
    insertion: Insertion(defaults: [:], required: [], maximumNameLength: 253))
