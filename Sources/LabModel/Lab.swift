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
        // Keys are computed once per object: comparing with `lowercased()` made every
        // comparison allocate, a third of loading a 10,000-machine lab. Two-part keys are
        // joined by NUL, which no name holds and which sorts before every character.
        prefixes.sortIfNeeded { $0.cidr.network == $1.cidr.network ? $0.cidr.length < $1.cidr.length : $0.cidr.network < $1.cidr.network }
        ranges.sortIfNeeded { $0.first == $1.first ? $0.name < $1.name : $0.first < $1.first }
        machines.sort(byKey: { $0.name.lowercased() })
        pools.sort(byKey: { $0.host.lowercased() + "\u{0}" + $0.name.lowercased() })
        disks.sort(byKey: { $0.machine.lowercased() + "\u{0}" + $0.name })
        clusters.sort(byKey: { $0.name.lowercased() })
        nodes.sort(byKey: { $0.cluster.lowercased() + "\u{0}" + $0.machine.lowercased() })
        services.sort(byKey: { $0.name.lowercased() })
        allocations.sortIfNeeded { $0.address < $1.address }
        zones.sort(byKey: { $0.name.lowercased() })
        records.sort(byKey: { $0.sortKey.joined(separator: "\u{0}") })
        dnsTargets.sort(byKey: { $0.name.lowercased() })
        groups.sort(byKey: { $0.name.lowercased() })
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
