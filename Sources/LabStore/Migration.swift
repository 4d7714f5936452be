/// One schema migration: a name that never changes once shipped, and its SQL.
public struct Migration: Sendable, Hashable {
    /// The file name without `.sql`, e.g. `0001_initial`.
    public let name: String
    /// The SQL script.
    public let sql: String

    /// A migration called `name` running `sql`.
    public init(name: String, sql: String) {
        self.name = name
        self.sql = sql
    }

    /// A stable fingerprint of the SQL (FNV-1a, 64 bits), recorded when applied.
    public var checksum: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        // Every open verifies every migration's checksum: hash the contiguous bytes, not
        // the UTF-8 view one index at a time (about six times fewer instructions).
        var sql = sql
        sql.withUTF8 { bytes in
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
        }
        return "fnv1a64:" + String(hash, radix: 16).leftPadded(to: 16)
    }

    /// The migrations compiled into this binary from `migrations/*.sql`, in order.
    public static let bundled: [Migration] = embeddedMigrationFiles
        .map { Migration(name: $0.name, sql: $0.sql) }
        .sorted { $0.name < $1.name }
}
