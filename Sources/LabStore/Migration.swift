/// One schema migration: a name that never changes once shipped, and its SQL.
public struct Migration: Sendable, Hashable {
    /// The file name without `.sql`, e.g. `0001_initial`.
    public let name: String
    /// The SQL script.
    public let sql: String

    /// A stable fingerprint of the SQL (FNV-1a, 64 bits), recorded when applied.
    public let checksum: String

    /// A migration called `name` running `sql`.
    public init(name: String, sql: String) {
        self.init(name: name, sql: sql, checksum: Migration.fingerprint(sql))
    }

    /// A migration whose checksum embed-migrations computed at build time: every open
    /// verifies every migration, and hashing their 100 KB of SQL on each command was a
    /// measurable part of a short query's run.
    init(name: String, sql: String, checksum: String) {
        self.name = name
        self.sql = sql
        self.checksum = checksum
    }

    /// FNV-1a (64 bits) of the UTF-8 bytes of `sql`, as text (`fnv1a64:` and 16 hex digits).
    /// Sources/embed-migrations computes the same for the bundled migrations.
    static func fingerprint(_ sql: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        // Hash the contiguous bytes, not the UTF-8 view one index at a time (about six
        // times fewer instructions).
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
        .map { Migration(name: $0.name, sql: $0.sql, checksum: $0.checksum) }
        .sorted { $0.name < $1.name }
}
