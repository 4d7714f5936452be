#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LabIP
import LabModel
import LabStore

/// The rows the inventory needs, read in one pass over each table (plain scans: no joins,
/// no sorting in SQLite, which cost as much as the scans themselves) and kept compactly:
/// every text in one byte arena, every per-machine list grouped by machine slot.
///
/// Slots number the machines in id order. Rows of other tables find their machine's slot
/// by binary search over the ids, and each machine's rows are put in the order the
/// inventory lists them (addresses by position, disks by name, clusters by name).
final class InventorySnapshot {
    /// A text in `text`, or SQL NULL (`count` < 0).
    struct TextRef {
        let start: Int32
        let count: Int32
        static let null = TextRef(start: 0, count: -1)
        var isNull: Bool { count < 0 }
    }

    struct MachineRow {
        let id: Int64
        let name: TextRef
        let kind: MachineKind
        /// The host's id, or -1 for a physical machine.
        let hostID: Int64
        let model: TextRef
        let description: TextRef
        let cpus: Int64?
        let ram: Int64?
        let enabled: Bool
    }

    struct AddressRow {
        let position: Int64
        let address: IPAddress
        let dns: TextRef
        /// The range's id, or -1 when the address is in no range.
        let rangeID: Int64
    }

    struct DiskRow {
        let name: TextRef
        let size: Int64
        /// The pool's id, or -1.
        let poolID: Int64
        let media: TextRef
    }

    struct NodeRow {
        let clusterID: Int64
        let role: NodeRole
    }

    struct TagRow {
        let text: TextRef
        /// The tag's number in `tagNames`.
        let tag: Int32
    }

    struct AttributeRow {
        let key: TextRef
        let value: TextRef
    }

    /// Every text of the snapshot, UTF-8.
    let text: [UInt8]
    /// Machines by slot (id order), and their ids.
    let machines: [MachineRow]
    private let slots: SlotIndex
    let addresses: SlotBuckets<AddressRow>
    let disks: SlotBuckets<DiskRow>
    let nodes: SlotBuckets<NodeRow>
    let tags: SlotBuckets<TagRow>
    let attributes: SlotBuckets<AttributeRow>
    /// Distinct tags, by tag number.
    let tagNames: [String]
    /// Every cluster, by name (case-insensitive order).
    let clusters: [Cluster]
    /// Cluster names and keys (lower-cased names), and pool names, by id.
    let clusterNames: [Int64: String]
    let clusterKeys: [Int64: String]
    let poolNames: [Int64: TextRef]

    /// Every machine of `db` (`machineID` nil); or the machine with `machineID` and the
    /// host it runs on, with the rows of that machine only.
    init(_ db: Database, machineID: Int64? = nil) throws {
        let arguments: [SQLValue] = machineID.map { [.integer($0)] } ?? []
        let only = machineID == nil ? "" : "WHERE machine_id = ?1"
        var arena = TextArena()
        var clusters: [Cluster] = []
        var clusterNames: [Int64: String] = [:]
        try db.forEachRow(reading: "SELECT id, name, distribution FROM clusters ORDER BY name COLLATE NOCASE") { row in
            clusterNames[row.int(0)!] = row.string(1)!
            clusters.append(Cluster(name: row.string(1)!, distribution: row.string(2)))
        }
        let clusterKeys = clusterNames.mapValues(\.labKey)
        var poolNames: [Int64: TextRef] = [:]
        try db.forEachRow(reading: "SELECT id, name FROM pools") { row in poolNames[row.int(0)!] = arena.store(row, 1) }

        let count = Int(try db.scalar("SELECT count(*) FROM machines")?.int ?? 0)
        var machines: [MachineRow] = []
        machines.reserveCapacity(machineID == nil ? count : 2)
        arena.bytes.reserveCapacity(machineID == nil ? count * 160 : 1024)
        try db.forEachRow(reading: """
            SELECT id, name, kind, host_id, model, cpus, ram_bytes, enabled, description FROM machines
            \(machineID == nil ? "" : "WHERE id = ?1 OR id = (SELECT host_id FROM machines WHERE id = ?1)") ORDER BY id
            """, arguments) { row in
            guard let kind = row.withText(2, InventorySnapshot.kind) ?? nil else {
                throw InventoryDataError("machine \(row.string(1) ?? "?") has an unknown kind '\(row.value(2))'")
            }
            machines.append(MachineRow(id: row.int(0)!, name: arena.store(row, 1), kind: kind, hostID: row.int(3) ?? -1, model: arena.store(row, 4),
                                       description: arena.store(row, 8), cpus: row.int(5), ram: row.int(6), enabled: row.int(7) == 1))
        }
        let slots = SlotIndex(ids: machines.map(\.id))

        var addressRows: [(Int32, AddressRow)] = []
        addressRows.reserveCapacity(machines.count)
        try db.forEachRow(reading: "SELECT machine_id, family, address, dns_name, range_id, position FROM addresses \(machineID == nil ? "WHERE machine_id IS NOT NULL" : only)", arguments) { row in
            guard let slot = slots.slot(of: row.int(0)) else { return }
            guard let family = row.int(1).flatMap({ IPFamily(rawValue: Int($0)) }),
                  let address = row.withBlob(2, { InventorySnapshot.address(family, $0) }) ?? nil else {
                throw InventoryDataError("an address row does not hold an address")
            }
            addressRows.append((slot, AddressRow(position: row.int(5) ?? 0, address: address, dns: arena.store(row, 3), rangeID: row.int(4) ?? -1)))
        }
        var addresses = SlotBuckets(slots: machines.count, addressRows)
        addresses.sortEach { ($0.position, $0.address) < ($1.position, $1.address) }

        var diskRows: [(Int32, DiskRow)] = []
        diskRows.reserveCapacity(machines.count * 2)
        try db.forEachRow(reading: "SELECT machine_id, name, size_bytes, pool_id, media FROM disks \(only)", arguments) { row in
            guard let slot = slots.slot(of: row.int(0)) else { return }
            diskRows.append((slot, DiskRow(name: arena.store(row, 1), size: row.int(2) ?? 0, poolID: row.int(3) ?? -1, media: arena.store(row, 4))))
        }
        var disks = SlotBuckets(slots: machines.count, diskRows)
        let names = arena.bytes
        disks.sortEach { InventorySnapshot.bytes($0.name, in: names).lexicographicallyPrecedes(InventorySnapshot.bytes($1.name, in: names)) }

        var nodeRows: [(Int32, NodeRow)] = []
        try db.forEachRow(reading: "SELECT machine_id, cluster_id, role FROM cluster_nodes \(only)", arguments) { row in
            guard let slot = slots.slot(of: row.int(0)) else { return }
            guard let role = row.string(2).flatMap(NodeRole.init(rawValue:)) else {
                throw InventoryDataError("a cluster membership has an unknown role '\(row.value(2))'")
            }
            nodeRows.append((slot, NodeRow(clusterID: row.int(1)!, role: role)))
        }
        var nodes = SlotBuckets(slots: machines.count, nodeRows)
        nodes.sortEach { clusterKeys[$0.clusterID] ?? "" < clusterKeys[$1.clusterID] ?? "" }

        // Tags and attributes come in primary-key order (machine id, then text): already grouped and sorted.
        var tagRows: [(Int32, TagRow)] = []
        tagRows.reserveCapacity(machines.count * 2)
        var tagNames: [String] = []
        var tagNumbers: [String: Int32] = [:]
        try db.forEachRow(reading: "SELECT machine_id, tag FROM machine_tags \(only) ORDER BY machine_id, tag", arguments) { row in
            guard let slot = slots.slot(of: row.int(0)) else { return }
            let name = row.string(1)!
            let number = tagNumbers[name] ?? {
                tagNames.append(name)
                tagNumbers[name] = Int32(tagNames.count - 1)
                return Int32(tagNames.count - 1)
            }()
            tagRows.append((slot, TagRow(text: arena.store(row, 1), tag: number)))
        }
        var attributeRows: [(Int32, AttributeRow)] = []
        try db.forEachRow(reading: "SELECT machine_id, key, value FROM machine_attributes \(only) ORDER BY machine_id, key", arguments) { row in
            guard let slot = slots.slot(of: row.int(0)) else { return }
            attributeRows.append((slot, AttributeRow(key: arena.store(row, 1), value: arena.store(row, 2))))
        }
        self.text = arena.bytes
        self.machines = machines
        self.slots = slots
        self.addresses = addresses
        self.disks = disks
        self.nodes = nodes
        self.tags = SlotBuckets(slots: machines.count, tagRows)
        self.attributes = SlotBuckets(slots: machines.count, attributeRows)
        self.tagNames = tagNames
        self.clusters = clusters
        self.clusterNames = clusterNames
        self.clusterKeys = clusterKeys
        self.poolNames = poolNames
    }

    /// Each kind's name as bytes, to match a row's text without making a String per machine.
    private static let kindNames = MachineKind.allCases.map { ($0, Array($0.rawValue.utf8)) }

    private static func kind(_ text: UnsafeBufferPointer<UInt8>) -> MachineKind? {
        kindNames.first { $0.1.count == text.count && $0.1.withUnsafeBufferPointer { memcmp($0.baseAddress!, text.baseAddress!, text.count) == 0 } }?.0
    }

    /// The slot of the machine with `id`, if the snapshot holds it.
    func slot(of id: Int64?) -> Int32? { slots.slot(of: id) }

    /// The bytes of `ref` (empty for NULL).
    static func bytes(_ ref: TextRef, in text: [UInt8]) -> ArraySlice<UInt8> {
        ref.isNull ? [] : text[Int(ref.start)..<Int(ref.start + ref.count)]
    }

    /// The address stored as 16 big-endian bytes (IPv4 in the last four).
    private static func address(_ family: IPFamily, _ bytes: UnsafeRawBufferPointer) -> IPAddress? {
        guard bytes.count == 16 else { return nil }
        var value: UInt128 = 0
        for byte in bytes { value = value << 8 | UInt128(byte) }
        return IPAddress(family: family, value: value)
    }
}

/// The texts of a snapshot, copied one after another into one buffer.
private struct TextArena {
    var bytes: [UInt8] = []

    /// Copies the text in `column` into the arena.
    mutating func store(_ row: ColumnReader, _ column: Int32) -> InventorySnapshot.TextRef {
        row.withText(column) { text in
            let start = bytes.count
            bytes.append(contentsOf: text)
            return InventorySnapshot.TextRef(start: Int32(start), count: Int32(text.count))
        } ?? .null
    }
}

/// Finds a machine's slot from its id: a direct table when the ids are dense (as rowids
/// are unless many machines were deleted), else a binary search over the sorted ids.
private struct SlotIndex {
    let ids: [Int64]
    /// Slot by `id - first`, -1 for no machine; empty when the ids are too sparse.
    private let table: [Int32]
    private let first: Int64

    init(ids: [Int64]) {
        self.ids = ids
        first = ids.first ?? 0
        let span = (ids.last ?? 0) - first + 1
        if !ids.isEmpty && span <= Int64(ids.count) * 4 + 1024 {
            var table = [Int32](repeating: -1, count: Int(span))
            for (slot, id) in ids.enumerated() { table[Int(id - first)] = Int32(slot) }
            self.table = table
        } else {
            table = []
        }
    }

    func slot(of id: Int64?) -> Int32? {
        guard let id else { return nil }
        if !table.isEmpty {
            guard id >= first && id - first < Int64(table.count) else { return nil }
            let slot = table[Int(id - first)]
            return slot < 0 ? nil : slot
        }
        var low = 0, high = ids.count
        while low < high {
            let middle = (low + high) / 2
            if ids[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low < ids.count && ids[low] == id ? Int32(low) : nil
    }
}

/// Rows grouped by machine slot: the rows of slot `s` are `self[s]`, in arrival order
/// unless sorted with `sortEach`.
struct SlotBuckets<Row> {
    private(set) var rows: [Row] = []
    /// `rows[start[s]..<start[s + 1]]` belong to slot `s`.
    private var start: [Int32] = [0]

    init() {}

    /// Groups `unsorted` by slot (a stable counting sort: O(rows + slots)).
    init(slots: Int, _ unsorted: [(Int32, Row)]) {
        var start = [Int32](repeating: 0, count: slots + 1)
        for (slot, _) in unsorted { start[Int(slot) + 1] += 1 }
        for slot in 0..<slots { start[slot + 1] += start[slot] }
        var next = start
        rows = Array(unsafeUninitializedCapacity: unsorted.count) { buffer, initialized in
            for (slot, row) in unsorted {
                (buffer.baseAddress! + Int(next[Int(slot)])).initialize(to: row)
                next[Int(slot)] += 1
            }
            initialized = unsorted.count
        }
        self.start = start
    }

    subscript(slot: Int32) -> ArraySlice<Row> {
        let slot = Int(slot)
        guard slot + 1 < start.count else { return [] }
        return rows[Int(start[slot])..<Int(start[slot + 1])]
    }

    /// Sorts the rows of each slot that has more than one.
    mutating func sortEach(by areInIncreasingOrder: (Row, Row) -> Bool) {
        for slot in 0..<(start.count - 1) where start[slot + 1] - start[slot] > 1 {
            rows[Int(start[slot])..<Int(start[slot + 1])].sort(by: areInIncreasingOrder)
        }
    }
}
