import LabIP
import LabModel
import LabStore

extension Database {
    /// Defines the SQL functions behind the utilisation fields of `ranges` and `prefixes`,
    /// each computed by ``AddressUsage`` exactly as `labdb ranges` computes it. Every one takes
    /// `(family, first, last, network, length)`: the bounds and the prefix that clamps them
    /// (for a prefix, its own network and last address).
    /// - `labdb_usable_size(...)`: the usable addresses;
    /// - `labdb_free(..., used)` and `labdb_used_percent(..., used)`;
    /// - `labdb_first_free(...)`: the first free address's 16 bytes, or NULL when full.
    ///
    /// Counts of 2^63 or more (IPv6) are text such as `2^64`, which SQLite orders above
    /// every number, so `where free > 100` and `sort by size` still read right.
    func defineUsageFunctions() throws {
        try defineFunction("labdb_usable_size", argumentCount: 5) { arguments in
            guard let usage = try Database.usage(arguments, used: 0) else { return .null }
            return Database.count(usage.size)
        }
        try defineFunction("labdb_free", argumentCount: 6) { arguments in
            guard let usage = try Database.usage(arguments, used: arguments[5].int ?? 0) else { return .null }
            return Database.count(usage.free)
        }
        try defineFunction("labdb_used_percent", argumentCount: 6) { arguments in
            guard let usage = try Database.usage(arguments, used: arguments[5].int ?? 0) else { return .null }
            return .real(usage.percent)
        }
        // The function reads the runs of this connection; weak, so that the connection
        // (which keeps the function) does not keep itself alive.
        try defineFunction("labdb_first_free", argumentCount: 5) { [weak self] arguments in
            guard let self, let usage = try Database.usage(arguments, used: 0) else { return .null }
            return try usage.firstFree(database: self).map { .blob($0.bytes) } ?? .null
        }
    }

    /// The usage of the bounds and prefix in `arguments`, or nil when a value is NULL.
    private static func usage(_ arguments: [SQLValue], used: Int64) throws -> AddressUsage? {
        guard let family = arguments[0].int.flatMap({ IPFamily(rawValue: Int($0)) }),
              let firstBytes = arguments[1].bytes, let lastBytes = arguments[2].bytes, let networkBytes = arguments[3].bytes,
              let length = arguments[4].int else { return nil }
        guard let first = IPAddress(family: family, bytes: firstBytes), let last = IPAddress(family: family, bytes: lastBytes),
              let bounds = IPRange(first: first, last: last),
              let prefix = IPAddress(family: family, bytes: networkBytes).flatMap({ IPNetwork(network: $0, length: Int(length)) }) else {
            throw CorruptRowError(message: "bounds \(arguments[1]) - \(arguments[2]) in prefix \(arguments[3])/\(length) are not addresses")
        }
        return AddressUsage(usable: AddressUsage.usable(bounds: bounds, in: prefix), used: Int(used))
    }

    /// A count as an SQL value: an integer when it fits, else text such as `2^64`.
    private static func count(_ value: UInt128) -> SQLValue {
        value <= UInt128(Int64.max) ? .integer(Int64(value)) : .text(AddressCount.format(value))
    }
}
