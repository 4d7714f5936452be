import LabIP

/// An IP prefix (a network) such as the home `/24`.
public struct Prefix: Sendable, Hashable {
    public var cidr: IPNetwork
    public var name: String?
    public var gateway: IPAddress?
    public var description: String?

    public init(cidr: IPNetwork, name: String? = nil, gateway: IPAddress? = nil, description: String? = nil) {
        self.cidr = cidr; self.name = name; self.gateway = gateway; self.description = description
    }
}

/// A named range of addresses inside a prefix.
public struct AddressRange: Sendable, Hashable {
    public var name: String
    /// The prefix the range lies in.
    public var prefix: IPNetwork
    public var first: IPAddress
    public var last: IPAddress
    public var purpose: RangePurpose
    public var description: String?
    /// The clusters the range serves (a load-balancer range: the clusters whose MetalLB
    /// hands out its addresses), sorted by name.
    public var clusters: [String]

    public init(name: String, prefix: IPNetwork, first: IPAddress, last: IPAddress, purpose: RangePurpose, description: String? = nil,
                clusters: [String] = []) {
        self.name = name; self.prefix = prefix; self.first = first; self.last = last
        self.purpose = purpose; self.description = description; self.clusters = clusters
    }

    /// IPv4 or IPv6.
    public var family: IPFamily { first.family }

    /// The bounds as an `IPRange`.
    public var bounds: IPRange { IPRange(first: first, last: last)! }
}

/// A physical machine, or a VM or container placed on one.
public struct Machine: Sendable, Hashable {
    public var name: String
    public var kind: MachineKind
    /// The host a guest runs on; nil for physical machines.
    public var host: String?
    public var model: String?
    /// Physical cores for a host, vCPUs for a guest.
    public var cpus: Int?
    public var ram: ByteSize?
    /// RAM a host keeps for itself (capacity planning).
    public var ramReserve: ByteSize?
    public var enabled: Bool
    public var description: String?
    /// Tags, sorted and unique.
    public var tags: [String]
    public var attributes: [String: String]

    public init(name: String, kind: MachineKind, host: String? = nil, model: String? = nil, cpus: Int? = nil,
                ram: ByteSize? = nil, ramReserve: ByteSize? = nil, enabled: Bool = true, description: String? = nil,
                tags: [String] = [], attributes: [String: String] = [:]) {
        self.name = name; self.kind = kind; self.host = host; self.model = model; self.cpus = cpus
        self.ram = ram; self.ramReserve = ramReserve; self.enabled = enabled; self.description = description
        self.tags = Array(Set(tags)).sorted(); self.attributes = attributes
    }
}

/// A storage pool on a host.
public struct Pool: Sendable, Hashable {
    public var host: String
    public var name: String
    public var type: PoolType
    public var size: ByteSize
    public var thin: Bool
    public var description: String?

    public init(host: String, name: String, type: PoolType, size: ByteSize, thin: Bool, description: String? = nil) {
        self.host = host; self.name = name; self.type = type; self.size = size; self.thin = thin
        self.description = description
    }
}

/// A disk of a machine: a guest's virtual disk in a pool of its host, or a physical disk.
public struct Disk: Sendable, Hashable {
    public var machine: String
    public var name: String
    public var size: ByteSize
    /// For a guest, the pool that holds the disk; for a host, the pool the disk backs.
    public var pool: String?
    public var media: DiskMedia?

    public init(machine: String, name: String, size: ByteSize, pool: String? = nil, media: DiskMedia? = nil) {
        self.machine = machine; self.name = name; self.size = size; self.pool = pool; self.media = media
    }
}

/// A Kubernetes (or other) cluster.
public struct Cluster: Sendable, Hashable {
    public var name: String
    public var distribution: String?
    public var description: String?

    public init(name: String, distribution: String? = nil, description: String? = nil) {
        self.name = name; self.distribution = distribution; self.description = description
    }
}

/// A machine's membership of a cluster.
public struct ClusterNode: Sendable, Hashable {
    public var cluster: String
    public var machine: String
    public var role: NodeRole

    public init(cluster: String, machine: String, role: NodeRole) {
        self.cluster = cluster; self.machine = machine; self.role = role
    }
}

/// Something that holds addresses without being a machine: an ingress, a VIP.
public struct Service: Sendable, Hashable {
    public var name: String
    public var cluster: String?
    public var description: String?

    public init(name: String, cluster: String? = nil, description: String? = nil) {
        self.name = name; self.cluster = cluster; self.description = description
    }
}

/// Who holds an allocated address.
public enum Holder: Sendable, Hashable, CustomStringConvertible {
    case machine(String)
    case service(String)
    case none

    /// The holder's name, if any.
    public var name: String? {
        switch self {
        case .machine(let name), .service(let name): return name
        case .none: return nil
        }
    }

    public var description: String {
        switch self {
        case .machine(let name): return name
        case .service(let name): return "service \(name)"
        case .none: return "nobody"
        }
    }
}

/// An allocated address.
public struct Allocation: Sendable, Hashable {
    public var address: IPAddress
    public var holder: Holder
    /// The most specific prefix that contains the address (derived).
    public var prefix: IPNetwork
    /// The range that contains the address, if any (derived).
    public var range: String?
    /// An internal DNS name for the address (an implied A/AAAA record).
    public var dns: String?
    public var description: String?
    /// Order among the holder's addresses; 0 is the primary.
    public var position: Int

    public init(address: IPAddress, holder: Holder, prefix: IPNetwork, range: String? = nil, dns: String? = nil,
                description: String? = nil, position: Int = 0) {
        self.address = address; self.holder = holder; self.prefix = prefix; self.range = range
        self.dns = dns; self.description = description; self.position = position
    }
}

/// A DNS zone.
public struct Zone: Sendable, Hashable {
    public var name: String
    public var description: String?

    public init(name: String, description: String? = nil) { self.name = name; self.description = description }
}

/// A DNS record in a zone.
public struct Record: Sendable, Hashable {
    public var zone: String
    /// Relative to the zone: `www`, `@` for the apex, `*.k8s` for a wildcard.
    public var name: String
    public var type: RecordType
    public var value: String
    public var view: RecordView
    /// nil means automatic.
    public var ttl: Int?
    public var proxied: Bool

    public init(zone: String, name: String, type: RecordType, value: String, view: RecordView, ttl: Int? = nil, proxied: Bool = false) {
        self.zone = zone; self.name = name; self.type = type; self.value = value; self.view = view
        self.ttl = ttl; self.proxied = proxied
    }

    /// The fully qualified name, without a trailing dot.
    public var fqdn: String { name == "@" ? zone : "\(name).\(zone)" }
}
