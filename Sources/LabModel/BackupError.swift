/// Why a backup could not be made or a file cannot be restored; the live database is untouched.
public enum BackupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file to restore does not exist or cannot be read.
    case unreadable(path: String, reason: String)
    /// The file is not an SQLite database.
    case notSQLite(path: String)
    /// An SQLite database without labdb's schema ledger.
    case notLabdb(path: String)
    /// The file fails SQLite's integrity or foreign-key check.
    case damaged(path: String, problems: [String])
    /// The file was written by a newer labdb (it has a migration this binary does not know).
    case newerLabdb(path: String, detail: String)
    /// The backup file and the database are the same file.
    case sameFile(path: String)
    /// `restore` without `--yes`.
    case confirmationNeeded(path: String, database: String)
    /// The live database is damaged and a replicator (Litestream) holds it open.
    case replicatedWhileDamaged(database: String, replicator: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "cannot read \(path) (\(reason)); check the path and its permissions"
        case .notSQLite(let path):
            return "\(path) is not an SQLite database; give a file made by `labdb backup`"
        case .notLabdb(let path):
            return "\(path) is an SQLite database but not a labdb one (it has no schema_migrations table); give a file made by `labdb backup`"
        case .damaged(let path, let problems):
            let shown = problems.prefix(5).joined(separator: "; ")
            return "\(path) is damaged (\(shown)\(problems.count > 5 ? "; and \(problems.count - 5) more" : "")); restore an older backup"
        case .newerLabdb(let path, let detail):
            return "\(path) comes from a newer labdb (\(detail)); upgrade labdb before restoring it"
        case .sameFile(let path):
            return "\(path) is the database itself; give a different file"
        case .confirmationNeeded(let path, let database):
            return "restoring \(path) replaces everything in \(database); run again with --yes to do it"
        case .replicatedWhileDamaged(let database, let replicator):
            return "\(database) is damaged and \(replicator) is replicating it; stop the replication first (systemctl stop labdb-serve), then restore"
        }
    }
}
