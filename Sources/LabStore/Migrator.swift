/// Applies schema migrations, each once, in its own immediate transaction, and
/// records each with its checksum.
public struct Migrator: Sendable {
    /// The migrations this binary knows, in order.
    public let migrations: [Migration]

    /// A migrator over `migrations` (by default the ones compiled into labdb).
    public init(migrations: [Migration] = Migration.bundled) {
        self.migrations = migrations
    }

    /// The state of one migration in a database.
    public struct Status: Sendable, Hashable {
        /// The migration's name.
        public let name: String
        /// Its checksum in this binary.
        public let checksum: String
        /// When it was applied (UTC, ISO 8601), or nil when pending.
        public let appliedAt: String?
    }

    static let createLedger = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            name TEXT PRIMARY KEY,
            checksum TEXT NOT NULL,
            applied_at TEXT NOT NULL
        ) STRICT
        """

    /// Applies every pending migration; returns the names applied.
    /// Refuses a database that a newer labdb migrated, or whose applied migration changed.
    @discardableResult
    public func migrate(_ database: Database) throws -> [String] {
        // Fast path: nothing pending, no write lock taken.
        if try pending(in: database).isEmpty { return [] }
        var applied: [String] = []
        for migration in migrations {
            let didApply = try database.transaction(.immediate) { () throws -> Bool in
                try database.executeScript(Migrator.createLedger)
                // Another process may have applied it while this one waited for the lock.
                if try recorded(in: database)[migration.name] != nil { return false }
                try database.executeScript(migration.sql)
                try database.execute(
                    "INSERT INTO schema_migrations(name, checksum, applied_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                    [.text(migration.name), .text(migration.checksum)])
                return true
            }
            if didApply { applied.append(migration.name) }
        }
        try verify(database)
        return applied
    }

    /// The migrations not yet applied; throws when the database is from a newer labdb or was altered.
    public func pending(in database: Database) throws -> [Migration] {
        try verify(database)
        let recorded = try recorded(in: database)
        return migrations.filter { recorded[$0.name] == nil }
    }

    /// Every known migration with its applied time.
    public func status(of database: Database) throws -> [Status] {
        try verify(database)
        let recorded = try recorded(in: database)
        return migrations.map { Status(name: $0.name, checksum: $0.checksum, appliedAt: recorded[$0.name]?.appliedAt) }
    }

    private func verify(_ database: Database) throws {
        let recorded = try recorded(in: database)
        let known = Set(migrations.map(\.name))
        if let unknown = recorded.keys.sorted().first(where: { !known.contains($0) }) {
            throw StoreError(code: 0, message: "\(database.path) was written by a newer labdb (it has migration \(unknown), which this binary does not know); upgrade labdb to open it")
        }
        for migration in migrations {
            if let entry = recorded[migration.name], entry.checksum != migration.checksum {
                throw StoreError(code: 0, message: "migration \(migration.name) was applied with checksum \(entry.checksum) but this binary's file has \(migration.checksum); a shipped migration must never change, add a new one instead")
            }
        }
    }

    private func recorded(in database: Database) throws -> [String: (checksum: String, appliedAt: String)] {
        let exists = try database.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
        guard exists?.int == 1 else { return [:] }
        var result: [String: (checksum: String, appliedAt: String)] = [:]
        for row in try database.query("SELECT name, checksum, applied_at FROM schema_migrations") {
            result[row.string("name") ?? ""] = (row.string("checksum") ?? "", row.string("applied_at") ?? "")
        }
        return result
    }
}
