import Foundation
import LabStore

/// Backups and restores of a labdb database file, each checked before it counts.
public enum LabBackup {
    /// Writes a consistent copy of `database` to `file` (atomically), then checks the copy.
    @discardableResult
    public static func backup(_ database: Database, to file: String) throws -> BackupSummary {
        if sameFile(file, databasePathOf(database)) { throw BackupError.sameFile(path: file) }
        try FileTarget.requireReplaceable(file, database: databasePathOf(database))
        let pages = try database.backup(to: file)
        let copy = try inspect(file)
        return BackupSummary(file: file, pages: pages, bytes: fileSize(file), schema: copy.schema, savedPrevious: nil)
    }

    /// The result of checking a candidate file: its newest migration.
    public struct Inspection: Sendable, Hashable {
        public var schema: String
        public var pendingMigrations: [String]
    }

    /// Checks that `file` is an intact labdb database this binary can open: SQLite's
    /// integrity and foreign-key checks, a migration ledger, no migration from a newer labdb.
    /// Opens the file read-only; it is never modified.
    public static func inspect(_ file: String) throws -> Inspection {
        guard FileManager.default.isReadableFile(atPath: file) else {
            throw BackupError.unreadable(path: file, reason: FileManager.default.fileExists(atPath: file) ? "permission denied" : "no such file")
        }
        let db: Database
        do {
            db = try Database(path: "file:\(LabDatabase.uriEscaped(file))?mode=ro&immutable=1", readOnly: true)
            _ = try db.scalar("SELECT count(*) FROM sqlite_master")
        } catch let error as StoreError where error.isCorrupt {
            throw BackupError.notSQLite(path: file)
        }
        return try inspect(db, named: file)
    }

    static func inspect(_ db: Database, named file: String) throws -> Inspection {
        var problems: [String] = []
        do {
            for row in try db.query("PRAGMA integrity_check") {
                if let text = row[0].string, text != "ok" { problems.append(text) }
            }
            for row in try db.query("PRAGMA foreign_key_check") {
                problems.append("row \(row[1].int ?? 0) of \(row[0].string ?? "?") refers to a missing row of \(row[2].string ?? "?")")
            }
        } catch let error as StoreError where error.isCorrupt {
            throw BackupError.damaged(path: file, problems: [error.message])
        }
        guard problems.isEmpty else { throw BackupError.damaged(path: file, problems: problems) }
        let ledger = try db.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
        guard ledger?.int == 1 else { throw BackupError.notLabdb(path: file) }
        let pending: [Migration]
        do {
            pending = try Migrator().pending(in: db)
        } catch let error as StoreError {
            throw BackupError.newerLabdb(path: file, detail: error.message)
        }
        let schema = try db.scalar("SELECT max(name) FROM schema_migrations")?.string ?? "(none)"
        return Inspection(schema: schema, pendingMigrations: pending.map(\.name))
    }

    /// Replaces the database at `databasePath` with the content of `file`, after checking
    /// `file` (see `inspect`). The current database is first saved next to it as
    /// `<name>.before-restore-<time>` (or moved aside when it is itself unreadable), then
    /// overwritten in one transaction through SQLite's backup API; migrations that `file`
    /// lacks are applied afterwards. With a `context`, the restore itself is recorded in
    /// the restored database's history (who, when, the command, from which file, or
    /// `describedAs` when given). `replicator` names the process (e.g. `Litestream (pid 42)`)
    /// replicating the database: a damaged live file is then not moved aside from under it.
    @discardableResult
    public static func restore(from file: String, into databasePath: String, confirmed: Bool, now: Date = Date(),
                               context: ChangeContext? = nil, describedAs: String? = nil, replicator: String? = nil) throws -> BackupSummary {
        if sameFile(file, databasePath) { throw BackupError.sameFile(path: file) }
        try FileTarget.requireOutside(file, database: databasePath)
        let inspection = try inspect(file)
        guard confirmed else { throw BackupError.confirmationNeeded(path: file, database: databasePath) }
        if FileManager.default.fileExists(atPath: databasePath) { try LabDatabase.requireWritable(databasePath) }
        let stamp = timestamp(now)
        var saved: String?
        if FileManager.default.fileExists(atPath: databasePath) {
            let previous = databasePath + ".before-restore-" + stamp
            do {
                let live = try Database(path: databasePath)
                try live.backup(to: previous)
            } catch let error as StoreError where error.isCorrupt {
                // The live file is beyond reading: keep its bytes aside, then start from an empty file.
                // Not under a running replicator: it holds the old file and would ship garbage.
                if let replicator { throw BackupError.replicatedWhileDamaged(database: databasePath, replicator: replicator) }
                for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: databasePath + suffix) {
                    try FileManager.default.moveItem(atPath: databasePath + suffix, toPath: previous + suffix)
                }
            }
            saved = previous
        }
        let source = try Database(path: "file:\(LabDatabase.uriEscaped(file))?mode=ro&immutable=1", readOnly: true)
        let live = try Database(path: databasePath)
        let pages = try live.replaceContents(with: source)
        // Keep the live file in WAL mode so that readers never block the writer.
        if try live.scalar("PRAGMA journal_mode")?.string?.lowercased() != "wal" {
            try live.execute("PRAGMA journal_mode = WAL")
        }
        if !inspection.pendingMigrations.isEmpty { try Migrator().migrate(live) }
        let schema = try live.scalar("SELECT max(name) FROM schema_migrations")?.string ?? inspection.schema
        if let context, live.hasChangeHistory {
            // The restored history is the backup's; this entry on top says that and when it was put back.
            try live.transaction(.immediate, changeSet: context) {
                try live.execute("""
                    INSERT INTO changes(change_set_id, table_name, operation, object, before, after)
                    VALUES ((SELECT id FROM change_sets WHERE open = 1 ORDER BY id DESC LIMIT 1), 'database', 'update', 'database',
                            json_object('content', ?), json_object('content', ?))
                    """, [.text(saved.map { "saved as \($0)" } ?? "none"), .text("restored from \(describedAs ?? file) (schema \(schema))")])
            }
        }
        return BackupSummary(file: file, pages: pages, bytes: fileSize(file), schema: schema, savedPrevious: saved)
    }

    /// Whether `a` and `b` name the same existing file (same device and inode).
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }

    /// The file behind `database`, also when it was opened through a `file:` URI.
    static func databasePathOf(_ database: Database) -> String {
        guard database.path.hasPrefix("file:") else { return database.path }
        let body = database.path.dropFirst(5).split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        return body.removingPercentEncoding ?? body
    }

    static func timestamp(_ date: Date) -> String {
        DateFormatter.utc("yyyyMMdd'T'HHmmss'Z'").string(from: date)
    }

    static func fileSize(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }
}
