import Foundation
import LabModel
import LabStore

/// The lab's gauges for Prometheus, computed from the database at scrape time with a few
/// aggregate queries (no lab is loaded): ranges and prefixes (size, used, ratio), pools
/// (size, allocated), hosts (physical and committed vCPUs and RAM), machines by kind, DNS
/// targets' last sync and pending changes, and the database file's size.
public struct LabMetrics {
    let db: Database
    let databasePath: String

    /// Metrics of `database`, whose file is at `databasePath`.
    public init(database: Database, databasePath: String) {
        self.db = database
        self.databasePath = databasePath
    }

    /// The exposition text of every lab metric.
    public func exposition() throws -> String {
        var out = PrometheusExposition()
        try ranges(&out)
        try pools(&out)
        try hosts(&out)
        try machines(&out)
        try dnsTargets(&out)
        out.family("labdb_database_size_bytes", "gauge", help: "Size of the database file and its write-ahead log.")
        out.sample("labdb_database_size_bytes", [("file", "main")], fileSize(databasePath))
        out.sample("labdb_database_size_bytes", [("file", "wal")], fileSize(databasePath + "-wal"))
        return out.text
    }

    private func ranges(_ out: inout PrometheusExposition) throws {
        let table = try IPAMViews(database: db).utilisation()
        let column = Dictionary(uniqueKeysWithValues: table.columns.enumerated().map { ($1, $0) })
        struct Usage { let labels: [(String, String)]; let size: Double; let used: Double }
        var ranges: [Usage] = [], prefixes: [Usage] = []
        for row in table.rows {
            let size = LabMetrics.number(row[column["size"]!]), used = LabMetrics.number(row[column["used"]!])
            let cidr = LabMetrics.text(row[column["prefix"]!])
            if LabMetrics.text(row[column["kind"]!]) == "range" {
                ranges.append(Usage(labels: [("range", LabMetrics.text(row[column["name"]!])), ("prefix", cidr),
                                             ("purpose", LabMetrics.text(row[column["purpose"]!]))], size: size, used: used))
            } else {
                prefixes.append(Usage(labels: [("prefix", cidr), ("name", LabMetrics.text(row[column["name"]!]))], size: size, used: used))
            }
        }
        for (kind, items) in [("range", ranges), ("prefix", prefixes)] {
            out.family("labdb_\(kind)_addresses", "gauge", help: "Usable addresses of the \(kind).")
            for item in items { out.sample("labdb_\(kind)_addresses", item.labels, item.size) }
            out.family("labdb_\(kind)_addresses_used", "gauge", help: "Allocated addresses of the \(kind).")
            for item in items { out.sample("labdb_\(kind)_addresses_used", item.labels, item.used) }
            out.family("labdb_\(kind)_utilisation_ratio", "gauge", help: "Allocated share of the \(kind)'s usable addresses (0-1).")
            for item in items { out.sample("labdb_\(kind)_utilisation_ratio", item.labels, item.size == 0 ? 1 : item.used / item.size) }
        }
    }

    private func pools(_ out: inout PrometheusExposition) throws {
        let rows = try db.query("""
            SELECT h.name AS host, p.name, p.type, p.thin, p.size_bytes,
                   coalesce((SELECT sum(d.size_bytes) FROM disks d WHERE d.pool_id = p.id), 0) AS allocated
            FROM pools p JOIN machines h ON h.id = p.host_id ORDER BY h.name, p.name
            """)
        func labels(_ row: Row) -> [(String, String)] {
            [("host", row.string("host") ?? ""), ("pool", row.string("name") ?? ""), ("type", row.string("type") ?? ""),
             ("thin", row.int("thin") == 1 ? "true" : "false")]
        }
        out.family("labdb_pool_size_bytes", "gauge", help: "Size of the storage pool.")
        for row in rows { out.sample("labdb_pool_size_bytes", labels(row), Double(row.int("size_bytes") ?? 0)) }
        out.family("labdb_pool_allocated_bytes", "gauge", help: "Bytes of the pool allocated to disks (may exceed the size on a thin pool).")
        for row in rows { out.sample("labdb_pool_allocated_bytes", labels(row), Double(row.int("allocated") ?? 0)) }
    }

    private func hosts(_ out: inout PrometheusExposition) throws {
        let rows = try db.query("""
            SELECT h.name, h.cpus, h.ram_bytes, coalesce(h.ram_reserve_bytes, 0) AS reserve,
                   coalesce(sum(CASE WHEN g.enabled = 1 THEN g.cpus END), 0) AS vcpus,
                   coalesce(sum(CASE WHEN g.enabled = 1 THEN g.ram_bytes END), 0) AS ram_committed
            FROM machines h JOIN machines g ON g.host_id = h.id
            GROUP BY h.id ORDER BY h.name
            """)
        let families: [(String, String, (Row) -> Double)] = [
            ("labdb_host_cpus", "Physical CPU cores (threads) of the host.", { Double($0.int("cpus") ?? 0) }),
            ("labdb_host_vcpus_committed", "vCPUs of the host's enabled guests.", { Double($0.int("vcpus") ?? 0) }),
            ("labdb_host_memory_bytes", "Physical RAM of the host.", { Double($0.int("ram_bytes") ?? 0) }),
            ("labdb_host_memory_reserve_bytes", "RAM the host keeps for itself.", { Double($0.int("reserve") ?? 0) }),
            ("labdb_host_memory_committed_bytes", "RAM of the host's enabled guests.", { Double($0.int("ram_committed") ?? 0) }),
        ]
        for (name, help, value) in families {
            out.family(name, "gauge", help: help)
            for row in rows { out.sample(name, [("host", row.string("name") ?? "")], value(row)) }
        }
    }

    private func machines(_ out: inout PrometheusExposition) throws {
        out.family("labdb_machines", "gauge", help: "Machines of the lab by kind (server, pi, vm, lxc, ...).")
        for row in try db.query("SELECT kind, count(*) AS n FROM machines GROUP BY kind ORDER BY kind") {
            out.sample("labdb_machines", [("kind", row.string("kind") ?? "")], Double(row.int("n") ?? 0))
        }
    }

    private func dnsTargets(_ out: inout PrometheusExposition) throws {
        let rows = try db.query("""
            SELECT t.name, t.kind, s.pending_changes, s.last_success_at, s.last_plan_at
            FROM dns_targets t LEFT JOIN dns_sync_status s ON s.target_id = t.id ORDER BY t.name
            """)
        out.family("labdb_dns_pending_changes", "gauge", help: "Changes the last DNS plan of the target found pending.")
        for row in rows where row.string("last_plan_at") != nil {
            out.sample("labdb_dns_pending_changes", [("target", row.string("name") ?? ""), ("kind", row.string("kind") ?? "")], Double(row.int("pending_changes") ?? 0))
        }
        out.family("labdb_dns_last_success_timestamp_seconds", "gauge", help: "When a DNS apply to the target last succeeded (Unix time).")
        let parser = ISO8601DateFormatter()
        for row in rows {
            guard let text = row.string("last_success_at"), let date = parser.date(from: text) else { continue }
            out.sample("labdb_dns_last_success_timestamp_seconds", [("target", row.string("name") ?? ""), ("kind", row.string("kind") ?? "")], date.timeIntervalSince1970)
        }
    }

    private func fileSize(_ path: String) -> Double {
        var info = stat()
        return stat(path, &info) == 0 ? Double(info.st_size) : 0
    }

    static func number(_ cell: Cell) -> Double {
        switch cell {
        case .int(let value), .size(let value): return Double(value)
        case .double(let value): return value
        case .text(let text): return Double(text) ?? 0
        default: return 0
        }
    }

    static func text(_ cell: Cell) -> String {
        if case .text(let text) = cell { return text }
        return ""
    }
}
