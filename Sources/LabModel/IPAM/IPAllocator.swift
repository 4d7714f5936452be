import LabIP
import LabStore

/// Hands out and takes back IP addresses: the next free address of a named range, or an
/// exact address inside a known prefix.
///
/// Every write is one immediate transaction, so two processes allocating from the same
/// range at once queue on SQLite's write lock (the connection's busy timeout makes the
/// second wait instead of failing) and the second sees the first's address as taken; the
/// `UNIQUE (family, address)` constraint of `addresses` backs this up. The first free
/// address comes from ``AddressRunIndex`` with one index seek.
public struct IPAllocator {
    let db: Database

    /// The most addresses one `next` or `allocate` call hands out.
    public static let maximumCount = 65_536

    /// An allocator over `database`.
    public init(database: Database) { self.db = database }

    /// One allocated address and where it sits.
    public struct Allocated: Sendable, Hashable {
        /// The address.
        public let address: IPAddress
        /// The range that contains it, if any.
        public let range: String?
        /// The most specific prefix that contains it.
        public let prefix: IPNetwork
        /// Who holds it (`machine z440`, `service traefik`).
        public let holder: String
        /// Whether the holder is a service that this allocation created (``NewService``).
        public var createdHolder = false
    }

    // MARK: - Next free

    /// The next `count` free addresses of the range named `rangeName`, in order; allocates nothing.
    /// Throws ``IPAMError/rangeExhausted(name:size:)`` when fewer than `count` are free.
    public func next(inRange rangeName: String, count: Int = 1) throws -> [IPAddress] {
        guard (1...Self.maximumCount).contains(count) else { throw IPAMError.invalidCount(count) }
        let range = try self.range(named: rangeName)
        guard let usable = range.usable else { throw IPAMError.rangeExhausted(name: range.name, size: "0") }
        let free = try freeAddresses(in: usable, limit: count)
        guard free.count == count else { throw Self.shortage(range.name, free: free.count, asked: count, size: usable.count) }
        return free
    }

    /// Up to `limit` free addresses of `bounds`. Uses the runs; when they are stale it
    /// rebuilds them on a writable connection, or walks the allocated addresses on a
    /// read-only one.
    public func freeAddresses(in bounds: IPRange, limit: Int) throws -> [IPAddress] {
        let runs = AddressRunIndex(database: db)
        if try runs.isStale(bounds.family) {
            guard !db.isReadOnly else { return try scanFree(in: bounds, limit: limit) }
            try runs.refreshIfStale(bounds.family)
        }
        return try runs.free(in: bounds, limit: limit)
    }

    /// The refusal when `asked` addresses were wanted and `free` are: full when none are.
    static func shortage(_ name: String, free: Int, asked: Int, size: UInt128) -> IPAMError {
        free == 0 ? .rangeExhausted(name: name, size: AddressCount.format(size))
            : .tooFewFree(name: name, free: free, asked: asked, size: AddressCount.format(size))
    }

    // MARK: - Allocate

    /// Carries out `request` in one transaction: from a range, the next `count` free addresses
    /// (all or none); or exactly one address. With ``AllocationRequest/newService`` the holder is
    /// created as a service in the same transaction.
    @discardableResult
    public func allocate(_ request: AllocationRequest) throws -> [Allocated] {
        switch request.source {
        case .range(let name):
            return try allocate(fromRange: name, to: request.holder, dns: request.dns, count: request.count,
                                description: request.description, newService: request.newService)
        case .address(let address):
            guard request.count == 1 else { throw IPAMError.countForExactAddress(address: address) }
            return [try allocate(address, to: request.holder, dns: request.dns, description: request.description,
                                 newService: request.newService)]
        }
    }

    /// Allocates the next `count` free addresses of the range named `rangeName` to `holderName`
    /// (a machine or a service; with `newService`, a service created here), all in one
    /// transaction: either all of them or none.
    @discardableResult
    public func allocate(fromRange rangeName: String, to holderName: String, dns: String? = nil,
                         count: Int = 1, description: String? = nil, newService: NewService? = nil) throws -> [Allocated] {
        guard (1...Self.maximumCount).contains(count) else { throw IPAMError.invalidCount(count) }
        let dns = try Self.validated(dns: dns)
        if let dns, count > 1 { throw IPAMError.dnsNameForSeveralAddresses(name: dns) }
        return try db.transaction(.immediate) {
            let range = try self.range(named: rangeName)
            let (holder, created) = try self.holder(named: holderName, creating: newService)
            guard let usable = range.usable else { throw IPAMError.rangeExhausted(name: range.name, size: "0") }
            let runs = AddressRunIndex(database: db)
            try runs.refreshIfStale(usable.family)
            var allocated: [Allocated] = []
            var position = try nextPosition(of: holder)
            for _ in 0..<count {
                guard let address = try runs.firstFree(in: usable) else {
                    throw Self.shortage(range.name, free: allocated.count, asked: count, size: usable.count)
                }
                // The most specific prefix, as the lab file derives it, so that an export imports as a no-op.
                let prefix = try mostSpecificPrefix(of: address)
                try insert(address, prefixID: prefix?.id ?? range.prefixID, rangeID: range.id, holder: holder, dns: dns, description: description,
                           position: position)
                position += 1
                allocated.append(Allocated(address: address, range: range.name, prefix: prefix?.cidr ?? range.prefix, holder: holder.description,
                                           createdHolder: created))
            }
            // The inserts' trigger marked the runs stale; they were kept exact, so once is enough.
            try runs.markFresh(usable.family)
            return allocated
        }
    }

    /// Allocates exactly `address` to `holderName` (with `newService`, a service created here).
    /// The address must lie in a known prefix, be usable there (not a network, broadcast or
    /// subnet-router anycast address) and be free.
    @discardableResult
    public func allocate(_ address: IPAddress, to holderName: String, dns: String? = nil, description: String? = nil,
                         newService: NewService? = nil) throws -> Allocated {
        let dns = try Self.validated(dns: dns)
        return try db.transaction(.immediate) {
            let place = try self.place(of: address)
            guard let prefix = place.prefix else { throw IPAMError.outsideEveryPrefix(address: address) }
            if !prefix.cidr.usable.contains(address) {
                throw IPAMError.notUsable(address: address, prefix: prefix.cidr, role: Self.role(of: address, in: prefix.cidr))
            }
            if let taken = try holderDescription(of: address) { throw IPAMError.addressTaken(address: address, holder: taken) }
            let (holder, created) = try self.holder(named: holderName, creating: newService)
            try AddressRunIndex(database: db).refreshIfStale(address.family)
            try insert(address, prefixID: prefix.id, rangeID: place.range?.id, holder: holder, dns: dns, description: description,
                       position: try nextPosition(of: holder))
            try AddressRunIndex(database: db).markFresh(address.family)
            return Allocated(address: address, range: place.range?.name, prefix: prefix.cidr, holder: holder.description, createdHolder: created)
        }
    }

    // MARK: - Release

    /// Releases `address`; returns what it was.
    @discardableResult
    public func release(_ address: IPAddress) throws -> Allocated {
        try db.transaction(.immediate) {
            guard let holder = try holderDescription(of: address) else {
                if try place(of: address).prefix == nil { throw IPAMError.outsideEveryPrefix(address: address) }
                throw IPAMError.notAllocated(address: address)
            }
            let place = try self.place(of: address)
            let runs = AddressRunIndex(database: db)
            let wasStale = try runs.isStale(address.family)
            // A record pointing at the address would dangle: `labdb check` calls that an error.
            // Deleting an address can only leave records pointing at it: only those are checked.
            try ConsistencyCheck.guarding(db, scope: .recordsPointingAt(address)) { try db.execute("DELETE FROM addresses WHERE family = ? AND address = ?", address.sqlArguments) }
            if !wasStale {
                try runs.remove(address)
                try runs.markFresh(address.family)
            }
            return Allocated(address: address, range: place.range?.name, prefix: place.prefix?.cidr ?? IPNetwork(network: address, length: address.family.bitWidth)!,
                             holder: holder)
        }
    }

    // MARK: - Writing one address

    /// The position after the holder's highest: one seek down the (holder, position) index of
    /// migration 0008, whatever the holder holds.
    private func nextPosition(of holder: HolderRow) throws -> Int64 {
        let last = try db.scalar("SELECT position FROM addresses WHERE \(holder.column) = ? ORDER BY position DESC LIMIT 1", [.integer(holder.id)])?.int
        return last.map { $0 + 1 } ?? 0
    }

    /// Inserts one `addresses` row at `position` and adds it to the runs. The runs must be
    /// fresh; the caller marks them fresh again once its inserts are done (the insert
    /// trigger marks them stale).
    private func insert(_ address: IPAddress, prefixID: Int64, rangeID: Int64?, holder: HolderRow, dns: String?, description: String?,
                        position: Int64) throws {
        try db.execute("""
            INSERT INTO addresses(family, address, prefix_id, range_id, machine_id, service_id, dns_name, description, position)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, address.sqlArguments + [
                .integer(prefixID), rangeID.map(SQLValue.integer) ?? .null,
                holder.kind == .machine ? .integer(holder.id) : .null, holder.kind == .service ? .integer(holder.id) : .null,
                dns.sqlValue, description.sqlValue, .integer(position),
            ])
        try AddressRunIndex(database: db).insert(address)
    }

    static func validated(dns: String?) throws -> String? {
        guard var name = dns else { return nil }
        if name.hasSuffix(".") { name.removeLast() }
        let allowed = name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.*".unicodeScalars.contains($0)) }
        guard (1...253).contains(name.count), allowed, !name.hasPrefix("."), !name.contains("..") else { throw IPAMError.invalidDNSName(name: dns!) }
        return name
    }

    static func role(of address: IPAddress, in prefix: IPNetwork) -> String {
        switch (prefix.family, address == prefix.first) {
        case (.v4, true): return "the network address"
        case (.v4, false): return "the broadcast address"
        case (.v6, _): return "the subnet-router anycast address"
        }
    }
}
