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
        let physical = lab.machines.filter { !$0.kind.isGuest }
        var guestsByHost: [String: [Machine]] = [:]
        for guest in lab.machines where guest.kind.isGuest {
            if let host = guest.host { guestsByHost[host.nameKey, default: []].append(guest) }
        }
        let poolHosts = Set(lab.pools.map { $0.host.nameKey })
        let clusterNodes = Set(lab.nodes.map { $0.machine.nameKey })

        hosts = physical.map { host in
            let guests = guestsByHost[host.name.nameKey] ?? []
            let running = guests.filter(\.enabled)
            return HostUsage(name: host.name, kind: host.kind, enabled: host.enabled, cores: host.cpus, ram: host.ram,
                             reserve: host.ramReserve ?? limits.defaultRamReserve, reserveRecorded: host.ramReserve != nil,
                             guests: running.count, disabledGuests: guests.count - running.count,
                             vcpusCommitted: running.reduce(0) { $0 + ($1.cpus ?? 0) },
                             ramCommitted: running.reduce(0) { $0 + ($1.ram?.bytes ?? 0) },
                             isVMHost: !guests.isEmpty || poolHosts.contains(host.name.nameKey)
                                 || (host.kind == .server && !clusterNodes.contains(host.name.nameKey)))
        }

        let machinesByName = Dictionary(lab.machines.map { ($0.name.nameKey, $0) }, uniquingKeysWith: { first, _ in first })
        var allocated: [String: (bytes: Int64, disks: Int)] = [:]
        for disk in lab.disks {
            guard let pool = disk.pool, let machine = machinesByName[disk.machine.nameKey], machine.kind.isGuest,
                  let host = machine.host else { continue }
            let key = CapacityReport.poolKey(host: host, pool: pool)
            let current = allocated[key] ?? (0, 0)
            allocated[key] = (current.bytes + disk.size.bytes, current.disks + 1)
        }
        pools = lab.pools.map { pool in
            let usage = allocated[CapacityReport.poolKey(host: pool.host, pool: pool.name)] ?? (0, 0)
            return PoolUsage(host: pool.host, name: pool.name, type: pool.type, thin: pool.thin, size: pool.size,
                             allocated: usage.bytes, disks: usage.disks)
        }

        var diskByMachine: [String: Int64] = [:]
        for disk in lab.disks { diskByMachine[disk.machine.nameKey, default: 0] += disk.size.bytes }
        clusters = lab.clusters.map { cluster in
            let members = lab.nodes.filter { $0.cluster.caseInsensitiveEquals(cluster.name) }
                .compactMap { machinesByName[$0.machine.nameKey] }.filter(\.enabled)
            return ClusterTotals(name: cluster.name, nodes: members.count,
                                 cpus: members.reduce(0) { $0 + ($1.cpus ?? 0) },
                                 ram: members.reduce(0) { $0 + ($1.ram?.bytes ?? 0) },
                                 disk: members.reduce(0) { $0 + (diskByMachine[$1.name.nameKey] ?? 0) },
                                 hosts: Array(Set(members.map { $0.host ?? $0.name })).sorted())
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
