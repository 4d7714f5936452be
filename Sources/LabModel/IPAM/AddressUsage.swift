import LabIP
import LabStore

/// How full a prefix or range is: what `labdb ranges` prints and the query language's
/// `size`, `used`, `free`, `used_percent` and `first_free` fields compute, by this one code.
/// Counts are of usable addresses only (a /24 has 254; a range is clamped to its prefix's).
public struct AddressUsage: Sendable, Hashable {
    /// The addresses that can be handed out; nil when none can.
    public let usable: IPRange?
    /// How many addresses are allocated inside the bounds.
    public let used: Int

    /// The usage of `usable` with `used` addresses allocated.
    public init(usable: IPRange?, used: Int) {
        self.usable = usable
        self.used = used
    }

    /// The usable addresses of a range with `bounds` in `prefix`: the bounds clamped to the
    /// prefix's usable bounds (the network and broadcast addresses are never handed out).
    public static func usable(bounds: IPRange, in prefix: IPNetwork) -> IPRange? {
        bounds.clamped(to: prefix.usable)
    }

    /// The number of usable addresses.
    public var size: UInt128 { usable?.count ?? 0 }

    /// The number of usable addresses not allocated.
    public var free: UInt128 { size - min(size, UInt128(used)) }

    /// The percentage allocated, to one decimal; 100 when nothing is usable.
    public var percent: Double { size == 0 ? 100 : (Double(used) / Double(size) * 1000).rounded() / 10 }

    /// The first free usable address, reading the runs when they are fresh and walking the
    /// allocated addresses otherwise; never writes, so it can run inside a query.
    public func firstFree(database: Database) throws -> IPAddress? {
        guard let usable else { return nil }
        let runs = AddressRunIndex(database: database)
        if try runs.isStale(usable.family) { return try IPAllocator(database: database).scanFree(in: usable, limit: 1).first }
        return try runs.firstFree(in: usable)
    }
}
