import LabIP
import LabStore

/// The consistency report: SQLite's own checks, then the lab's rules.
public struct ConsistencyCheck {
    let db: Database

    /// Limits the overcommit rules use (defaults from the capacity guide).
    public struct Limits: Sendable, Hashable {
        /// vCPU:core ratio above which a host gets a warning.
        public var cpuWarningRatio: Double = 5
        /// vCPU:core ratio above which a host is an error.
        public var cpuErrorRatio: Double = 10
        public init() {}
    }

    public let limits: Limits

    /// A check of `database`.
    public init(database: Database, limits: Limits = Limits()) {
        self.db = database
        self.limits = limits
    }

    /// Every finding, errors first, then by object.
    public func run() throws -> [Finding] {
        var findings = try storageFindings()
        // The lab's rules read rows that may be damaged: only run them on a sound file.
        if findings.isEmpty {
            findings += try addressFindings()
            findings += try rangeFindings()
            findings += try recordFindings()
            findings += try foreignPoolFindings()
            findings += try poolOvercommitFindings()
            findings += try overcommitFindings()
        }
        return findings.sorted { ($0.severity, $0.object, $0.problem) < ($1.severity, $1.object, $1.problem) }
    }

    /// The findings as a table: severity, object, problem.
    public static func table(_ findings: [Finding]) -> ResultTable {
        ResultTable(columns: ["severity", "object", "problem"],
                    rows: findings.map { [.text($0.severity.rawValue), .text($0.object), .text($0.problem)] })
    }

    // MARK: - SQLite

    func storageFindings() throws -> [Finding] {
        var findings: [Finding] = []
        for row in try db.query("PRAGMA integrity_check") {
            if let text = row[0].string, text != "ok" {
                findings.append(Finding(rule: "integrity", .error, "database", "integrity check: \(text); restore the latest backup with `labdb restore`"))
            }
        }
        for row in try db.query("PRAGMA foreign_key_check") {
            let table = row[0].string ?? "?"
            findings.append(Finding(rule: "foreign-key", .error, "\(table) row \(row[1].int ?? 0)",
                                    "refers to a row of \(row[2].string ?? "?") that does not exist"))
        }
        return findings
    }

    // MARK: - IP

    /// Addresses outside their prefix or range (those `within` a span, when given).
    func addressFindings(within span: IPRange? = nil) throws -> [Finding] {
        var findings: [Finding] = []
        let only = span.map { _ in " AND a.family = ? AND a.address >= ? AND a.address <= ?" } ?? ""
        let bounds = span.map(\.sqlBounds) ?? []
        for row in try db.query("""
            SELECT a.family, a.address, p.family AS pfamily, p.network, p.length FROM addresses a JOIN prefixes p ON p.id = a.prefix_id
            WHERE (a.family != p.family OR a.address < p.network OR a.address > p.last)
            """ + only, bounds) {
            let prefix = network(row, "pfamily", "network", "length")
            findings.append(Finding(rule: "address-outside-prefix", .error, "address \(address(row, "family", "address"))", "lies outside its prefix \(prefix)"))
        }
        for row in try db.query("""
            SELECT a.family, a.address, r.name FROM addresses a JOIN ranges r ON r.id = a.range_id
            WHERE (a.family != r.family OR a.address < r.first OR a.address > r.last)
            """ + only, bounds) {
            findings.append(Finding(rule: "address-outside-range", .error, "address \(address(row, "family", "address"))", "lies outside its range \(row.string("name") ?? "?")"))
        }
        return findings
    }

    /// Ranges outside their prefix, overlapping, or holding a reserved address (those that
    /// meet a span, when given).
    func rangeFindings(meeting span: IPRange? = nil) throws -> [Finding] {
        var findings: [Finding] = []
        let meets = span?.meetingCondition(on: "r")
        // A pair overlaps in the span's area when either of its ranges meets the span.
        let either = span.map { span in (span.meetingCondition(on: "a"), span.meetingCondition(on: "b")) }
        for row in try db.query("""
            SELECT r.name, p.family, p.network, p.length FROM ranges r JOIN prefixes p ON p.id = r.prefix_id
            WHERE (r.family != p.family OR r.first < p.network OR r.last > p.last)
            """ + (meets.map { " AND " + $0.sql } ?? ""), meets?.values ?? []) {
            findings.append(Finding(rule: "range-outside-prefix", .error, "range \(row.string("name") ?? "?")", "lies outside its prefix \(network(row, "family", "network", "length"))"))
        }
        for row in try db.query("""
            SELECT a.name AS a, b.name AS b, a.family,
                   max(a.first, b.first) AS first, min(a.last, b.last) AS last
            FROM ranges a JOIN ranges b ON a.id < b.id AND a.family = b.family AND a.first <= b.last AND b.first <= a.last
            WHERE 1
            """ + (either.map { " AND ((\($0.0.sql)) OR (\($0.1.sql)))" } ?? ""), either.map { $0.0.values + $0.1.values } ?? []) {
            let first = address(row, "family", "first"), last = address(row, "family", "last")
            let span = first == last ? first : "\(first)-\(last)"
            findings.append(Finding(rule: "range-overlap", .error, "range \(row.string("a") ?? "?")", "overlaps range \(row.string("b") ?? "?") (\(span)); make their bounds disjoint"))
        }
        findings += try reservedAddressFindings(meeting: span)
        return findings
    }

    // MARK: - DNS

    /// A and AAAA records whose value is not an allocated address: all of them, those called
    /// `name` in `zone` (an edit's scope), or those whose value is `pointingAt` (a release's
    /// scope; values are still compared as addresses, since a record may spell one differently).
    func recordFindings(named owner: (zone: String, name: String)? = nil, pointingAt only: IPAddress? = nil) throws -> [Finding] {
        var findings: [Finding] = []
        let prefixes = try storedPrefixes().map(\.cidr)
        var sql = "r.type IN ('A', 'AAAA')"
        var arguments: [SQLValue] = []
        if let owner {
            sql += " AND r.zone_id = (SELECT id FROM zones WHERE name = ?) AND r.view IN ('internal', 'public') AND r.name = ?"
            arguments += [.text(owner.zone), .text(owner.name)]
        }
        // IPv4 text has one spelling (leading zeros are refused), so SQL can pick those records out.
        switch only?.family {
        case nil: break
        case .v4?: sql += " AND r.type = 'A' AND r.value = ?"; arguments.append(.text(only!.description))
        case .v6?: sql += " AND r.type = 'AAAA'"
        }
        for row in try db.query("""
            SELECT r.name, z.name AS zone, r.type, r.value, r.view FROM records r JOIN zones z ON z.id = r.zone_id
            WHERE \(sql) ORDER BY z.name, r.name
            """, arguments) {
            let name = row.string("name") ?? "?", zone = row.string("zone") ?? "?"
            let fqdn = name == "@" ? zone : "\(name).\(zone)"
            let type = row.string("type") ?? "A", view = row.string("view") ?? "internal"
            let object = "record \(fqdn) \(type) (\(view))"
            let value = row.string("value") ?? ""
            if let only, IPAddress(value) != only { continue }
            guard let target = IPAddress(value), target.family == (type == "A" ? .v4 : .v6) else {
                findings.append(Finding(rule: "record-value", .error, object, "value \(value) is not an IPv\(type == "A" ? 4 : 6) address"))
                continue
            }
            let allocated = try db.scalar("SELECT count(*) FROM addresses WHERE family = ? AND address = ?", target.sqlArguments)?.int ?? 0
            if allocated > 0 { continue }
            if prefixes.contains(where: { $0.contains(target) }) {
                findings.append(Finding(rule: "record-unallocated", .error, object, "points at \(target), which is not allocated; allocate it (`labdb ip allocate \(target) --to NAME`) or fix the record"))
            } else if view == "internal" {
                findings.append(Finding(rule: "record-unmanaged", .warning, object, "points at \(target), outside every prefix labdb manages"))
            }
        }
        return findings
    }

    // MARK: - Storage and compute

    /// Disks in a pool of a host other than the one their machine runs on.
    func foreignPoolFindings() throws -> [Finding] {
        var findings: [Finding] = []
        for row in try db.query("""
            SELECT m.name AS machine, m.kind, d.name AS disk, p.name AS pool, h.name AS pool_host, coalesce(mh.name, m.name) AS own_host
            FROM disks d JOIN machines m ON m.id = d.machine_id JOIN pools p ON p.id = d.pool_id JOIN machines h ON h.id = p.host_id
            LEFT JOIN machines mh ON mh.id = m.host_id
            WHERE p.host_id != coalesce(m.host_id, m.id)
            ORDER BY m.name, d.name
            """) {
            let kind = row.string("kind") ?? "machine"
            findings.append(Finding(rule: "disk-foreign-pool", .error, "\(kind) \(row.string("machine") ?? "?")",
                                    "disk \(row.string("disk") ?? "?") is in pool \(row.string("pool") ?? "?") of host \(row.string("pool_host") ?? "?"), but the machine runs on \(row.string("own_host") ?? "?")"))
        }
        return findings
    }

    /// Pools whose guest disks add up to more than their size.
    func poolOvercommitFindings() throws -> [Finding] {
        var findings: [Finding] = []
        for row in try db.query("""
            SELECT h.name AS host, p.name AS pool, p.size_bytes, p.thin, sum(d.size_bytes) AS committed
            FROM pools p JOIN machines h ON h.id = p.host_id
            JOIN disks d ON d.pool_id = p.id JOIN machines g ON g.id = d.machine_id AND g.host_id IS NOT NULL
            GROUP BY p.id HAVING sum(d.size_bytes) > p.size_bytes ORDER BY h.name, p.name
            """) {
            let size = row.int("size_bytes") ?? 0, committed = row.int("committed") ?? 0
            let thin = row.int("thin") == 1
            let text = "\(ByteSize(bytes: committed)) of guest disks in \(ByteSize(bytes: size))"
            findings.append(thin
                ? Finding(rule: "pool-overcommit", .warning, "pool \(row.string("host") ?? "?")/\(row.string("pool") ?? "?")", "thin pool overcommitted: \(text); watch its real usage")
                : Finding(rule: "pool-overcommit", .error, "pool \(row.string("host") ?? "?")/\(row.string("pool") ?? "?")", "\(text): the disks cannot all fit"))
        }
        return findings
    }

    func overcommitFindings() throws -> [Finding] {
        var findings: [Finding] = []
        for row in try db.query("""
            SELECT h.name, h.cpus, h.ram_bytes, h.ram_reserve_bytes,
                   sum(g.cpus) AS vcpus, max(g.cpus) AS widest, sum(g.ram_bytes) AS ram,
                   (SELECT g2.name FROM machines g2 WHERE g2.host_id = h.id AND g2.enabled = 1 ORDER BY g2.cpus DESC, g2.name LIMIT 1) AS widest_name
            FROM machines h JOIN machines g ON g.host_id = h.id AND g.enabled = 1
            GROUP BY h.id ORDER BY h.name
            """) {
            let host = "host \(row.string("name") ?? "?")"
            if let cores = row.int("cpus"), cores > 0, let vcpus = row.int("vcpus") {
                let ratio = Double(vcpus) / Double(cores)
                let text = "\(vcpus) vCPUs on \(cores) cores (\(String(format1: ratio)):1)"
                if ratio > limits.cpuErrorRatio {
                    findings.append(Finding(rule: "cpu-overcommit", .error, host, "CPU overcommit \(text) is above \(Int(limits.cpuErrorRatio)):1; move or shrink guests"))
                } else if ratio > limits.cpuWarningRatio {
                    findings.append(Finding(rule: "cpu-overcommit", .warning, host, "CPU overcommit \(text) is above \(Int(limits.cpuWarningRatio)):1"))
                }
                if let widest = row.int("widest"), widest > cores {
                    findings.append(Finding(rule: "vm-wider-than-host", .error, "vm \(row.string("widest_name") ?? "?")", "has \(widest) vCPUs but its host \(row.string("name") ?? "?") has \(cores) cores"))
                }
            }
            if let physical = row.int("ram_bytes"), let committed = row.int("ram") {
                let reserve = row.int("ram_reserve_bytes") ?? 0
                if committed > physical {
                    findings.append(Finding(rule: "ram-overcommit", .error, host, "guests are given \(ByteSize(bytes: committed)) of RAM but the host has \(ByteSize(bytes: physical))"))
                } else if committed > physical - reserve {
                    findings.append(Finding(rule: "ram-overcommit", .warning, host, "guests are given \(ByteSize(bytes: committed)) of RAM, more than the \(ByteSize(bytes: physical - reserve)) left after the host's \(ByteSize(bytes: reserve)) reserve"))
                }
            }
        }
        return findings
    }

    // MARK: - Decoding

    /// The address stored as `family` and 16 bytes in two columns of `row`.
    func storedAddress(_ row: Row, _ familyColumn: String, _ column: String) -> IPAddress? {
        guard let family = IPFamily(rawValue: Int(row.int(familyColumn) ?? 0)), let bytes = row.bytes(column) else { return nil }
        return IPAddress(family: family, bytes: bytes)
    }

    /// Every prefix: its name (if any) and network.
    func storedPrefixes() throws -> [(name: String?, cidr: IPNetwork)] {
        try db.query("SELECT name, family, network, length FROM prefixes").compactMap { row in
            guard let network = storedAddress(row, "family", "network"), let cidr = IPNetwork(network: network, length: Int(row.int("length") ?? -1)) else { return nil }
            return (row.string("name"), cidr)
        }
    }

    private func address(_ row: Row, _ familyColumn: String, _ column: String) -> String {
        storedAddress(row, familyColumn, column)?.description ?? "?"
    }

    private func network(_ row: Row, _ familyColumn: String, _ column: String, _ lengthColumn: String) -> String {
        "\(address(row, familyColumn, column))/\(row.int(lengthColumn) ?? 0)"
    }
}
