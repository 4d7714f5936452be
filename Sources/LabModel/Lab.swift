/// The whole lab as plain values: what a lab file describes and what the database holds.
///
/// Every list is kept in a canonical order (see `normalized()`), so two labs with the
/// same content compare equal and export identically.
public struct Lab: Sendable, Hashable {
    public var prefixes: [Prefix] = []
    public var ranges: [AddressRange] = []
    public var machines: [Machine] = []
    public var pools: [Pool] = []
    public var disks: [Disk] = []
    public var clusters: [Cluster] = []
    public var nodes: [ClusterNode] = []
    public var services: [Service] = []
    public var allocations: [Allocation] = []
    public var zones: [Zone] = []
    public var records: [Record] = []
    public var dnsTargets: [DNSTarget] = []
    /// Ansible inventory group variables (`groups:` in the lab file).
    public var groups: [InventoryGroup] = []

    public init() {}

    /// The same lab with every list in canonical order.
    public func normalized() -> Lab {
        var lab = self
        lab.normalize()
        return lab
    }

    /// Sorts every list in place, as `normalized()` returns them.
    public mutating func normalize() {
        prefixes.sort { $0.cidr.network == $1.cidr.network ? $0.cidr.length < $1.cidr.length : $0.cidr.network < $1.cidr.network }
        ranges.sort { $0.first == $1.first ? $0.name < $1.name : $0.first < $1.first }
        machines.sort { $0.name.lowercased() < $1.name.lowercased() }
        pools.sort { ($0.host.lowercased(), $0.name.lowercased()) < ($1.host.lowercased(), $1.name.lowercased()) }
        disks.sort { ($0.machine.lowercased(), $0.name) < ($1.machine.lowercased(), $1.name) }
        clusters.sort { $0.name.lowercased() < $1.name.lowercased() }
        nodes.sort { ($0.cluster.lowercased(), $0.machine.lowercased()) < ($1.cluster.lowercased(), $1.machine.lowercased()) }
        services.sort { $0.name.lowercased() < $1.name.lowercased() }
        allocations.sort { $0.address < $1.address }
        zones.sort { $0.name.lowercased() < $1.name.lowercased() }
        records.sort { $0.sortKey.lexicographicallyPrecedes($1.sortKey) }
        dnsTargets.sort { $0.name.lowercased() < $1.name.lowercased() }
        groups.sort { $0.name.lowercased() < $1.name.lowercased() }
    }

    /// The machine called `name` (case-insensitive).
    public func machine(named name: String) -> Machine? {
        machines.first { $0.name.caseInsensitiveEquals(name) }
    }
}

extension Record {
    var sortKey: [String] { [zone.lowercased(), view.rawValue, name.lowercased(), type.rawValue, value.lowercased()] }
}

extension String {
    /// Case-insensitive equality, as SQLite's NOCASE compares names.
    public func caseInsensitiveEquals(_ other: String) -> Bool { lowercased() == other.lowercased() }
}
