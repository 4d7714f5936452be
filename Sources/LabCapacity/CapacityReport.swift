import LabIP
import LabModel

/// Committed against physical for a whole lab: hosts, pools, clusters and ranges, with the
/// limits they cross. A pure function of a `Lab` and `CapacityLimits`.
///
/// Disabled guests (`enabled: false`) do not commit vCPUs or RAM (they are not running),
/// but their disks still occupy their pools. Disabled hosts are reported and never chosen
/// for placement.
public struct CapacityReport: Sendable, Hashable {
    public var limits: CapacityLimits
    /// Every physical machine, sorted by name.
    public var hosts: [HostUsage]
    /// Every pool, sorted by host then name.
    public var pools: [PoolUsage]
    /// Every cluster, sorted by name.
    public var clusters: [ClusterTotals]
    /// Every range, in address order.
    public var ranges: [RangeUsage]
    /// Limits crossed and things to look at, most serious first.
    public var findings: [CapacityFinding]

    /// The report for `lab` under `limits`.
    public init(lab: Lab, limits: CapacityLimits = CapacityLimits()) {
        self.limits = limits
        // One pass over the machines, keeping only the figures the report needs (copying whole
        // machines, with their tags and attributes, dominated the time on large labs).
        var facts: [String: MachineFacts] = [:]
        facts.reserveCapacity(lab.machines.count)
        var committed: [String: HostCommitment] = [:]
        for machine in lab.machines {
            let fact = MachineFacts(machine)
            facts[machine.name.nameKey] = fact
            guard fact.isGuest, let host = fact.hostKey else { continue }
            committed[host, default: HostCommitment()].add(fact)
        }
        let poolHosts = Set(lab.pools.map { $0.host.nameKey })
        let clusterNodes = Set(lab.nodes.map { $0.machine.nameKey })

        hosts = lab.machines.filter { !$0.kind.isGuest }.map { host in
            let key = host.name.nameKey
            let load = committed[key] ?? HostCommitment()
            return HostUsage(name: host.name, kind: host.kind, enabled: host.enabled, cores: host.cpus, ram: host.ram,
                             reserve: host.ramReserve ?? limits.defaultRamReserve, reserveRecorded: host.ramReserve != nil,
                             guests: load.running, disabledGuests: load.disabled, vcpusCommitted: load.vcpus, ramCommitted: load.ram,
                             isVMHost: load.running + load.disabled > 0 || poolHosts.contains(key)
                                 || (host.kind == .server && !clusterNodes.contains(key)))
        }

        var allocated: [PoolKey: (bytes: Int64, disks: Int)] = [:]
        for disk in lab.disks {
            guard let pool = disk.pool, let fact = facts[disk.machine.nameKey], fact.isGuest, let host = fact.hostKey else { continue }
            allocated[PoolKey(host: host, pool: pool.nameKey), default: (0, 0)].bytes += disk.size.bytes
            allocated[PoolKey(host: host, pool: pool.nameKey), default: (0, 0)].disks += 1
        }
        pools = lab.pools.map { pool in
            let usage = allocated[PoolKey(host: pool.host.nameKey, pool: pool.name.nameKey)] ?? (0, 0)
            return PoolUsage(host: pool.host, name: pool.name, type: pool.type, thin: pool.thin, size: pool.size,
                             allocated: usage.bytes, disks: usage.disks)
        }

        var diskByMachine: [String: Int64] = [:]
        for disk in lab.disks { diskByMachine[disk.machine.nameKey, default: 0] += disk.size.bytes }
        // Nodes grouped by cluster once (filtering every node per cluster was clusters × nodes).
        var nodesByCluster: [String: [ClusterNode]] = [:]
        for node in lab.nodes { nodesByCluster[node.cluster.nameKey, default: []].append(node) }
        clusters = lab.clusters.map { cluster in
            let members = (nodesByCluster[cluster.name.nameKey] ?? [])
                .compactMap { node in facts[node.machine.nameKey].map { (key: node.machine.nameKey, fact: $0) } }.filter(\.fact.enabled)
            return ClusterTotals(name: cluster.name, nodes: members.count,
                                 cpus: members.reduce(0) { $0 + $1.fact.cpus },
                                 ram: members.reduce(0) { $0 + $1.fact.ram },
                                 disk: members.reduce(0) { $0 + (diskByMachine[$1.key] ?? 0) },
                                 hosts: Array(Set(members.map { $0.fact.host ?? $0.fact.name })).sorted())
        }

        var usedByRange: [String: UInt128] = [:]
        for allocation in lab.allocations { if let range = allocation.range { usedByRange[range.nameKey, default: 0] += 1 } }
        ranges = lab.ranges.map { range in
            RangeUsage(name: range.name, prefix: range.prefix, bounds: range.bounds, used: usedByRange[range.name.nameKey] ?? 0)
        }

        findings = []
        findings = CapacityReport.findings(hosts: hosts, pools: pools, ranges: ranges, limits: limits)
    }

    static func poolKey(host: String, pool: String) -> String { host.nameKey + "/" + pool.nameKey }

    /// A pool by host and pool name, both as name keys.
    struct PoolKey: Hashable {
        var host: String
        var pool: String
    }

    /// The figures of one machine the report needs.
    struct MachineFacts {
        var name: String
        var host: String?
        var hostKey: String?
        var isGuest: Bool
        var enabled: Bool
        var cpus: Int
        var ram: Int64

        init(_ machine: Machine) {
            name = machine.name; host = machine.host; hostKey = machine.host?.nameKey; isGuest = machine.kind.isGuest
            enabled = machine.enabled; cpus = machine.cpus ?? 0; ram = machine.ram?.bytes ?? 0
        }
    }

    /// What a host's guests add up to.
    struct HostCommitment {
        var running = 0
        var disabled = 0
        var vcpus = 0
        var ram: Int64 = 0

        /// Counts `guest`: disabled guests commit no vCPUs or RAM.
        mutating func add(_ guest: MachineFacts) {
            guard guest.enabled else { disabled += 1; return }
            running += 1; vcpus += guest.cpus; ram += guest.ram
        }
    }

    /// The host called `name` (case-insensitive).
    public func host(named name: String) -> HostUsage? { hosts.first { $0.name.caseInsensitiveEquals(name) } }

    /// The pools of the host called `name`.
    public func pools(of host: String) -> [PoolUsage] { pools.filter { $0.host.caseInsensitiveEquals(host) } }

    /// The same report narrowed to one host (its row, its pools, its findings), without clusters and ranges.
    public func narrowed(toHost name: String) throws(CapacityError) -> CapacityReport {
        guard let host = host(named: name) else {
            throw CapacityError.unknownHost(name: name, suggestion: Suggestion.closest(to: name, in: hosts.map(\.name)))
        }
        var report = self
        report.hosts = [host]
        report.pools = pools(of: host.name)
        report.clusters = []
        report.ranges = []
        let prefix = host.name.nameKey
        report.findings = findings.filter { $0.object.nameKey == prefix || $0.object.nameKey.hasPrefix(prefix + "/") }
        return report
    }
}
