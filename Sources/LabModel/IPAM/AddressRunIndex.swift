import LabIP
import LabStore

/// The runs of consecutive allocated addresses (table `address_runs`), which answer
/// "first free address at or after S" with one index seek, whatever the number of
/// allocations.
///
/// The runs are derived from `addresses`. Writes through ``IPAllocator`` keep them exact;
/// any other write to `addresses` marks the family stale (a trigger of migration 0002), and
/// ``refreshIfStale(_:)`` rebuilds it. Every method expects to run inside the caller's
/// transaction when it writes.
public struct AddressRunIndex {
    let db: Database

    /// The runs of `database`.
    public init(database: Database) { self.db = database }

    /// One run: every address from `first` to `last` is allocated.
    public struct Run: Sendable, Hashable {
        /// The first allocated address of the run.
        public let first: IPAddress
        /// The last allocated address of the run.
        public let last: IPAddress
    }

    // MARK: - Staleness

    /// Whether the runs of `family` may not match `addresses`.
    public func isStale(_ family: IPFamily) throws -> Bool {
        try db.scalar("SELECT stale FROM address_runs_state WHERE family = ?", [.integer(Int64(family.rawValue))])?.int != 0
    }

    /// Rebuilds the runs of `family` when they are stale. Needs a writable connection;
    /// opens its own immediate transaction unless one is already open.
    /// - Returns: whether a rebuild happened.
    @discardableResult
    public func refreshIfStale(_ family: IPFamily) throws -> Bool {
        try db.transaction(.immediate) {
            guard try isStale(family) else { return false }
            try rebuild(family)
            return true
        }
    }

    /// Recomputes the runs of `family` from `addresses` (one ordered pass over its index).
    public func rebuild(_ family: IPFamily) throws {
        try db.transaction(.immediate) {
            let familyValue = SQLValue.integer(Int64(family.rawValue))
            try db.execute("DELETE FROM address_runs WHERE family = ?", [familyValue])
            var current: (first: IPAddress, last: IPAddress)?
            func flush() throws {
                guard let run = current else { return }
                try db.execute("INSERT INTO address_runs(family, first, last) VALUES (?, ?, ?)",
                               [familyValue, .blob(run.first.bytes), .blob(run.last.bytes)])
            }
            try db.forEachRow("SELECT family, address FROM addresses WHERE family = ? ORDER BY address", [familyValue]) { row in
                let address = try row.address("address")
                if let run = current, run.last.value &+ 1 == address.value, run.last.value != UInt128.max {
                    current = (run.first, address)
                } else {
                    try flush()
                    current = (address, address)
                }
                return true
            }
            try flush()
            try db.execute("UPDATE address_runs_state SET stale = 0 WHERE family = ?", [familyValue])
        }
    }

    /// Marks `family` as matching `addresses` again, after the caller kept the runs exact
    /// through its own write (which the triggers marked stale).
    func markFresh(_ family: IPFamily) throws {
        try db.execute("UPDATE address_runs_state SET stale = 0 WHERE family = ?", [.integer(Int64(family.rawValue))])
    }

    // MARK: - Reading

    /// The run that contains `address`, if it is allocated.
    public func run(containing address: IPAddress) throws -> Run? {
        guard let run = try lastRun(startingAtOrBefore: address), run.last >= address else { return nil }
        return run
    }

    /// The first address in `bounds` that is not allocated, or nil when all of them are.
    public func firstFree(in bounds: IPRange) throws -> IPAddress? {
        guard let run = try run(containing: bounds.first) else { return bounds.first }
        guard run.last < bounds.last, let next = run.last.advanced(by: 1) else { return nil }
        return next
    }

    /// Up to `limit` free addresses of `bounds`, in order: one seek per run of allocated
    /// addresses that lies between them.
    public func free(in bounds: IPRange, limit: Int) throws -> [IPAddress] {
        var found: [IPAddress] = []
        guard limit > 0, var candidate = try firstFree(in: bounds) else { return found }
        while found.count < limit {
            // `candidate` is free; so is every address up to the next run.
            let next = try firstRun(startingAfter: candidate)
            let stop = next.map { min($0.first.value - 1, bounds.last.value) } ?? bounds.last.value
            var value = candidate.value
            while found.count < limit {
                found.append(IPAddress(family: bounds.family, value: value)!)
                if value == stop { break }
                value += 1
            }
            guard found.count < limit, let next, next.last < bounds.last, let after = next.last.advanced(by: 1) else { break }
            candidate = after
        }
        return found
    }

    func lastRun(startingAtOrBefore address: IPAddress) throws -> Run? {
        try db.first("SELECT family, first, last FROM address_runs WHERE family = ? AND first <= ? ORDER BY first DESC LIMIT 1",
                     address.sqlArguments).map(Self.run(from:))
    }

    func firstRun(startingAfter address: IPAddress) throws -> Run? {
        try db.first("SELECT family, first, last FROM address_runs WHERE family = ? AND first > ? ORDER BY first LIMIT 1",
                     address.sqlArguments).map(Self.run(from:))
    }

    private static func run(from row: Row) throws -> Run {
        Run(first: try row.address("first"), last: try row.address("last"))
    }

    // MARK: - Keeping the runs exact

    /// Adds `address`, just inserted into `addresses`, to the runs: extends, joins or starts one.
    func insert(_ address: IPAddress) throws {
        let family = SQLValue.integer(Int64(address.family.rawValue))
        let left = try lastRun(startingAtOrBefore: address)
        if let left, left.last >= address { return }
        let joinsLeft = left.map { $0.last.value &+ 1 == address.value && $0.last.value != UInt128.max } ?? false
        let right = try address.advanced(by: 1).flatMap { next in
            try db.first("SELECT family, first, last FROM address_runs WHERE family = ? AND first = ?", next.sqlArguments).map(Self.run(from:))
        }
        switch (joinsLeft ? left : nil, right) {
        case let (left?, right?):
            try db.execute("DELETE FROM address_runs WHERE family = ? AND first = ?", right.first.sqlArguments)
            try db.execute("UPDATE address_runs SET last = ? WHERE family = ? AND first = ?", [.blob(right.last.bytes)] + left.first.sqlArguments)
        case let (left?, nil):
            try db.execute("UPDATE address_runs SET last = ? WHERE family = ? AND first = ?", [.blob(address.bytes)] + left.first.sqlArguments)
        case let (nil, right?):
            try db.execute("UPDATE address_runs SET first = ? WHERE family = ? AND first = ?", [.blob(address.bytes)] + right.first.sqlArguments)
        case (nil, nil):
            try db.execute("INSERT INTO address_runs(family, first, last) VALUES (?, ?, ?)", [family, .blob(address.bytes), .blob(address.bytes)])
        }
    }

    /// Removes `address`, just deleted from `addresses`, from the runs: shrinks, splits or drops one.
    func remove(_ address: IPAddress) throws {
        guard let run = try run(containing: address) else { return }
        let key = run.first.sqlArguments
        switch (run.first == address, run.last == address) {
        case (true, true):
            try db.execute("DELETE FROM address_runs WHERE family = ? AND first = ?", key)
        case (true, false):
            try db.execute("UPDATE address_runs SET first = ? WHERE family = ? AND first = ?", [.blob(address.advanced(by: 1)!.bytes)] + key)
        case (false, true):
            try db.execute("UPDATE address_runs SET last = ? WHERE family = ? AND first = ?", [.blob(address.retreated(by: 1)!.bytes)] + key)
        case (false, false):
            try db.execute("UPDATE address_runs SET last = ? WHERE family = ? AND first = ?", [.blob(address.retreated(by: 1)!.bytes)] + key)
            try db.execute("INSERT INTO address_runs(family, first, last) VALUES (?, ?, ?)",
                           [.integer(Int64(address.family.rawValue)), .blob(address.advanced(by: 1)!.bytes), .blob(run.last.bytes)])
        }
    }
}
