import LabIP
import LabModel

extension CapacityReport {
    /// The report as sections: `hosts`, `pools`, `clusters`, `ranges` (when present), `findings`, `limits`.
    public func document() -> CapacityDocument {
        var sections = [CapacitySection(name: "hosts", title: "HOSTS (vCPUs and RAM of enabled guests)", table: hostsTable()),
                        CapacitySection(name: "pools", title: "POOLS (guest disks allocated)", table: poolsTable())]
        if !clusters.isEmpty { sections.append(CapacitySection(name: "clusters", title: "CLUSTERS (enabled nodes)", table: clustersTable())) }
        if !ranges.isEmpty { sections.append(CapacitySection(name: "ranges", title: "RANGES", table: rangesTable())) }
        sections.append(CapacitySection(name: "findings", title: "FINDINGS", table: findingsTable()))
        sections.append(CapacitySection(name: "limits", title: "LIMITS", table: limits.table(), isRecord: true))
        return CapacityDocument(sections: sections)
    }

    /// Per physical host: cores against vCPUs committed, RAM against RAM committed after the reserve.
    public func hostsTable() -> ResultTable {
        var table = ResultTable(columns: ["host", "cores", "vcpus", "vcpu_ratio", "ram", "reserve", "ram_available", "ram_committed",
                                          "ram_free", "ram_pct", "guests", "status"])
        for host in hosts {
            table.rows.append([.text(host.name), host.cores.map { .int(Int64($0)) } ?? .null, .int(Int64(host.vcpusCommitted)),
                               host.vcpuRatio.map(Cell.rounded) ?? .null, host.ram.map { .size($0.bytes) } ?? .null,
                               .size(host.reserve.bytes), host.ramAvailable.map(Cell.size) ?? .null, .size(host.ramCommitted),
                               host.ramFree.map(Cell.size) ?? .null, host.ramFraction.map { Cell.rounded($0 * 100) } ?? .null,
                               .int(Int64(host.guests)), .text(status(of: host))])
        }
        return table
    }

    func status(of host: HostUsage) -> String {
        if !host.enabled { return "disabled" }
        if !host.hasResources { return "no resources" }
        return level(of: host.name)?.rawValue ?? "ok"
    }

    /// Per pool: size against the guest disks allocated in it; thin pools also show the overcommit ratio.
    public func poolsTable() -> ResultTable {
        var table = ResultTable(columns: ["host", "pool", "type", "thin", "size", "allocated", "free", "used_pct", "overcommit", "disks", "status"])
        for pool in pools {
            let object = "\(pool.host)/\(pool.name)"
            let level = findings.filter { $0.object == object }.map(\.level).max()
            table.rows.append([.text(pool.host), .text(pool.name), .text(pool.type.rawValue), .bool(pool.thin), .size(pool.size.bytes),
                               .size(pool.allocated), .size(pool.free), Cell.rounded(pool.fraction * 100),
                               pool.thin ? Cell.rounded(pool.fraction) : .null, .int(Int64(pool.disks)), .text(level?.rawValue ?? "ok")])
        }
        return table
    }

    /// Per cluster: the enabled nodes' vCPUs (cores for physical nodes), RAM and disk.
    public func clustersTable() -> ResultTable {
        var table = ResultTable(columns: ["cluster", "nodes", "cpus", "ram", "disk", "hosts"])
        for cluster in clusters {
            table.rows.append([.text(cluster.name), .int(Int64(cluster.nodes)), .int(Int64(cluster.cpus)), .size(cluster.ram),
                               .size(cluster.disk), .list(cluster.hosts)])
        }
        return table
    }

    /// Per range: size, used (allocations in it), free.
    public func rangesTable() -> ResultTable {
        var table = ResultTable(columns: ["range", "prefix", "first", "last", "size", "used", "free", "used_pct", "status"])
        for range in ranges {
            let level = findings.filter { $0.object == "range \(range.name)" }.map(\.level).max()
            table.rows.append([.text(range.name), .text(range.prefix.description), .text(range.bounds.first.description),
                               .text(range.bounds.last.description), Cell.count(range.size), Cell.count(range.used),
                               Cell.count(range.free), Cell.rounded(range.fraction * 100), .text(level?.rawValue ?? "ok")])
        }
        return table
    }

    /// The findings, most serious first.
    public func findingsTable() -> ResultTable {
        ResultTable(columns: ["level", "object", "message"],
                    rows: findings.map { [.text($0.level.rawValue), .text($0.object), .text($0.message)] })
    }
}
