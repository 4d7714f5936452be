import LabIP
import LabStore

extension IPAllocator {
    /// A range row with its prefix and usable bounds.
    public struct RangeRow: Sendable, Hashable {
        /// The row id.
        public let id: Int64
        /// The range's name as stored.
        public let name: String
        /// The range's own bounds.
        public let bounds: IPRange
        /// The prefix the range lies in.
        public let prefix: IPNetwork
        /// The prefix's row id.
        public let prefixID: Int64
        /// What the range is for (`static`, `load-balancer`, ...).
        public let purpose: String
        /// The addresses that can be handed out: the range's bounds clamped to the prefix's
        /// usable bounds; nil when none are left.
        public var usable: IPRange? { bounds.clamped(to: prefix.usable) }
    }

    /// A prefix row.
    public struct PrefixRow: Sendable, Hashable {
        /// The row id.
        public let id: Int64
        /// The network.
        public let cidr: IPNetwork
        /// The prefix's optional name.
        public let name: String?
    }

    /// The most specific prefix and the range that contain an address.
    public struct Place: Sendable, Hashable {
        /// The most specific prefix containing the address, if any.
        public let prefix: PrefixRow?
        /// The range containing the address, if any.
        public let range: RangeRow?
    }

    /// A machine or service that can hold addresses.
    struct HolderRow: CustomStringConvertible {
        enum Kind: String { case machine, service }
        let kind: Kind
        let id: Int64
        let name: String
        var column: String { kind == .machine ? "machine_id" : "service_id" }
        var description: String { "\(kind.rawValue) \(name)" }
    }

    static let rangeColumns = """
        SELECT r.id, r.name, r.family, r.first, r.last, r.purpose, p.id AS prefix_id, p.network, p.length
        FROM ranges r JOIN prefixes p ON p.id = r.prefix_id
        """

    /// The range named `name` (case-insensitive); throws ``IPAMError/unknownRange(name:suggestion:)``
    /// with the closest name when there is none.
    public func range(named name: String) throws -> RangeRow {
        if let row = try db.first(Self.rangeColumns + " WHERE r.name = ?", [.text(name)]) { return try Self.rangeRow(row) }
        let names = try db.query("SELECT name FROM ranges").compactMap { $0.string("name") }
        throw IPAMError.unknownRange(name: name, suggestion: Suggestion.closest(to: name, in: names))
    }

    /// Every range, in address order.
    public func allRanges() throws -> [RangeRow] {
        try db.query(Self.rangeColumns + " ORDER BY r.family, r.first").map(Self.rangeRow)
    }

    static func rangeRow(_ row: Row) throws -> RangeRow {
        let first = try row.address("first"), last = try row.address("last")
        guard let bounds = IPRange(first: first, last: last), let id = row.int("id"), let prefixID = row.int("prefix_id") else {
            throw CorruptRowError(message: "range \(row.string("name") ?? "?") has bounds \(first)-\(last)")
        }
        return RangeRow(id: id, name: row.string("name") ?? "", bounds: bounds, prefix: try row.network("network", "length"),
                        prefixID: prefixID, purpose: row.string("purpose") ?? "")
    }

    /// The most specific prefix and the range that contain `address`. Each is one index seek
    /// (ranges never overlap; prefixes are few).
    public func place(of address: IPAddress) throws -> Place {
        let prefix = try mostSpecificPrefix(of: address)
        let range = try db.first(Self.rangeColumns + " WHERE r.family = ? AND r.first <= ?2 ORDER BY r.first DESC LIMIT 1", address.sqlArguments)
            .map(Self.rangeRow)
        return Place(prefix: prefix, range: range.flatMap { $0.bounds.contains(address) ? $0 : nil })
    }

    /// The longest prefix that contains `address`, if any.
    public func mostSpecificPrefix(of address: IPAddress) throws -> PrefixRow? {
        try db.first("""
            SELECT id, name, family, network, length FROM prefixes
            WHERE family = ? AND network <= ?2 AND last >= ?2 ORDER BY length DESC LIMIT 1
            """, address.sqlArguments).map { row in
            PrefixRow(id: row.int("id") ?? 0, cidr: try row.network("network", "length"), name: row.string("name"))
        }
    }

    /// Who holds `address` (`machine z440`, `service traefik`, `nobody`), or nil when it is free.
    public func holderDescription(of address: IPAddress) throws -> String? {
        guard let row = try db.first("""
            SELECT m.name AS machine, s.name AS service FROM addresses a
            LEFT JOIN machines m ON m.id = a.machine_id LEFT JOIN services s ON s.id = a.service_id
            WHERE a.family = ? AND a.address = ?
            """, address.sqlArguments) else { return nil }
        if let machine = row.string("machine") { return "machine \(machine)" }
        if let service = row.string("service") { return "service \(service)" }
        return "nobody (reserved)"
    }

    /// The machine or service named `text`; `machine:NAME` and `service:NAME` choose the kind.
    func holder(named text: String) throws -> HolderRow {
        var name = text
        var kinds: [HolderRow.Kind] = [.machine, .service]
        for kind in kinds where text.lowercased().hasPrefix(kind.rawValue + ":") {
            name = String(text.dropFirst(kind.rawValue.count + 1))
            kinds = [kind]
        }
        var found: [HolderRow] = []
        for kind in kinds {
            let table = kind == .machine ? "machines" : "services"
            if let row = try db.first("SELECT id, name FROM \(table) WHERE name = ?", [.text(name)]), let id = row.int("id") {
                found.append(HolderRow(kind: kind, id: id, name: row.string("name") ?? name))
            }
        }
        if found.count > 1 { throw IPAMError.ambiguousHolder(name: name) }
        if let holder = found.first { return holder }
        let names = try db.query("SELECT name FROM machines UNION ALL SELECT name FROM services").compactMap { $0.string("name") }
        throw IPAMError.unknownHolder(name: name, suggestion: Suggestion.closest(to: name, in: names))
    }

    /// The first `limit` free addresses of `bounds` by walking the allocated addresses in order:
    /// the read-only fallback when the runs are stale. Costs one step per allocated address before the gap.
    func scanFree(in bounds: IPRange, limit: Int) throws -> [IPAddress] {
        var found: [IPAddress] = []
        var candidate: UInt128? = bounds.first.value
        func take(upTo end: UInt128) {
            while let value = candidate, value <= end, found.count < limit {
                found.append(IPAddress(family: bounds.family, value: value)!)
                candidate = value == bounds.last.value ? nil : value + 1
            }
        }
        try db.forEachRow("SELECT family, address FROM addresses WHERE family = ? AND address >= ? AND address <= ? ORDER BY address",
                          bounds.first.sqlArguments + [.blob(bounds.last.bytes)]) { row in
            let taken = try row.address("address")
            if let value = candidate, taken.value > value { take(upTo: taken.value - 1) }
            if found.count >= limit { return false }
            if let value = candidate, taken.value >= value {
                candidate = taken.value == bounds.last.value ? nil : taken.value + 1
            }
            return candidate != nil
        }
        take(upTo: bounds.last.value)
        return found
    }
}
