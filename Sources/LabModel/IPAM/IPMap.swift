import LabIP
import LabStore

/// What the IP map draws: the prefixes, and for one network either a cell per address
/// (256 or fewer: a /24 of IPv4, a /120 of IPv6) with its range, purpose, holder and DNS
/// name, or a grid of blocks (a /16 as 256 /24s) with how many addresses each holds.
public struct IPMap {
    let db: Database

    /// The map of `database`.
    public init(database: Database) { self.db = database }

    /// A prefix as the map lists it.
    public struct PrefixSummary: Sendable, Hashable {
        public let cidr: IPNetwork
        public let name: String?
        public let gateway: IPAddress?
        public let description: String?
        public let usable: UInt128
        public let used: Int
    }

    /// One address of a network drawn cell by cell.
    public struct AddressCell: Sendable, Hashable {
        /// What the address is to its prefix.
        public enum Role: String, Sendable { case network, broadcast, gateway, usable }
        public let address: IPAddress
        public let role: Role
        public let range: String?
        public let purpose: RangePurpose?
        /// `machine NAME` or `service NAME` when allocated.
        public let holder: String?
        public let dns: String?
        public var isAllocated: Bool { holder != nil }
    }

    /// One block of a network drawn as blocks.
    public struct Block: Sendable, Hashable {
        public let network: IPNetwork
        public let size: UInt128
        public let used: Int
    }

    /// How a network is drawn.
    public enum Drawing: Sendable {
        case cells([AddressCell])
        case blocks([Block])
    }

    /// Every prefix, in address order, with its use.
    public func prefixes() throws -> [PrefixSummary] {
        let views = IPAMViews(database: db)
        return try db.query("SELECT name, family, network, length, gateway, description FROM prefixes ORDER BY family, network, length").map { row in
            let cidr = try row.network("network", "length")
            let gateway = row.bytes("gateway").flatMap { IPAddress(family: cidr.family, bytes: $0) }
            return PrefixSummary(cidr: cidr, name: row.string("name"), gateway: gateway, description: row.string("description"),
                                 usable: cidr.usable.count, used: try views.allocatedCount(in: cidr.usable))
        }
    }

    /// The prefix that holds `network` (the smallest), or nil when none does.
    public func prefix(containing network: IPNetwork) throws -> PrefixSummary? {
        try prefixes().filter { $0.cidr.contains(network) }.max { $0.cidr.length < $1.cidr.length }
    }

    /// The largest network drawn cell by cell holds 256 addresses.
    public static let maximumCells = 256

    /// How `network` (inside `prefix`) is drawn: cells when it has 256 addresses or fewer,
    /// else blocks (/24s for a prefix of up to 65,536 IPv4 addresses, else 256 blocks).
    public func drawing(of network: IPNetwork, in prefix: PrefixSummary) throws -> Drawing {
        let hostBits = network.family.bitWidth - network.length
        if hostBits <= 8 { return .cells(try cells(of: network, in: prefix)) }
        let blockLength = hostBits <= 16 ? network.family.bitWidth - 8 : network.length + 8
        let step = UInt128(1) << UInt128(network.family.bitWidth - blockLength)
        let count = 1 << (blockLength - network.length)
        let views = IPAMViews(database: db)
        var blocks: [Block] = []
        blocks.reserveCapacity(count)
        for index in 0..<count {
            guard let start = network.network.advanced(by: step * UInt128(index)),
                  let block = IPNetwork(network: start, length: blockLength) else { break }
            let bounds = IPRange(first: block.first, last: block.last)!
            blocks.append(Block(network: block, size: step, used: try views.allocatedCount(in: bounds)))
        }
        return .blocks(blocks)
    }

    private func cells(of network: IPNetwork, in prefix: PrefixSummary) throws -> [AddressCell] {
        let bounds = IPRange(first: network.first, last: network.last)!
        let args = bounds.first.sqlArguments + [.blob(bounds.last.bytes)]
        var ranges: [(bounds: IPRange, name: String, purpose: RangePurpose?)] = []
        for row in try db.query("SELECT name, family, first, last, purpose FROM ranges WHERE family = ? AND last >= ? AND first <= ?",
                                [args[0], args[1], args[2]]) {
            if let range = IPRange(first: try row.address("first"), last: try row.address("last")) {
                ranges.append((range, row.string("name") ?? "", row.string("purpose").flatMap(RangePurpose.init)))
            }
        }
        var held: [IPAddress: (holder: String, dns: String?)] = [:]
        for row in try db.query("""
            SELECT a.family, a.address, a.dns_name, m.name AS machine, s.name AS service FROM addresses a
            LEFT JOIN machines m ON m.id = a.machine_id LEFT JOIN services s ON s.id = a.service_id
            WHERE a.family = ? AND a.address >= ? AND a.address <= ?
            """, args) {
            let holder = row.string("machine").map { "machine \($0)" } ?? row.string("service").map { "service \($0)" } ?? "nobody (reserved)"
            held[try row.address("address")] = (holder, row.string("dns_name"))
        }
        var cells: [AddressCell] = []
        var address: IPAddress? = network.first
        while let current = address, current <= network.last {
            let role: AddressCell.Role
            if prefix.cidr.length < prefix.cidr.family.bitWidth - 1, current == prefix.cidr.first {
                role = .network
            } else if prefix.cidr.family == .v4, prefix.cidr.length < 31, current == prefix.cidr.last {
                role = .broadcast
            } else if current == prefix.gateway {
                role = .gateway
            } else {
                role = .usable
            }
            let range = ranges.first { $0.bounds.contains(current) }
            cells.append(AddressCell(address: current, role: role, range: range?.name, purpose: range?.purpose,
                                     holder: held[current]?.holder, dns: held[current]?.dns))
            address = current == network.last ? nil : current.advanced(by: 1)
        }
        return cells
    }
}
