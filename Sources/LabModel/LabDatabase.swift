import Foundation
import LabStore

/// Finds and opens the labdb database file.
public enum LabDatabase {
    /// The database path: `--db`, else `$LABDB_DB`, else `$XDG_DATA_HOME/labdb/lab.db`,
    /// else `~/.local/share/labdb/lab.db`.
    public static func path(flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let flag, !flag.isEmpty { return flag }
        if let env = environment["LABDB_DB"], !env.isEmpty { return env }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return xdg + "/labdb/lab.db" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/share/labdb/lab.db"
    }

    /// Opens the database at `path`, creating its folder and file and applying pending
    /// migrations when `create` is true; otherwise a missing file is an error.
    public static func open(path: String, create: Bool = true, readOnly: Bool = false) throws -> Database {
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists {
            guard create, !readOnly else {
                throw StoreError(code: 14, message: "no database at \(path); create it with `labdb init --seed seed/homelab.yaml` or set LABDB_DB")
            }
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
        }
        let db = try Database(path: path, readOnly: readOnly)
        // Touch the schema so that a file that is not SQLite fails here, with a clear message.
        _ = try db.scalar("SELECT count(*) FROM sqlite_master")
        if readOnly {
            let pending = try Migrator().pending(in: db)
            if !pending.isEmpty {
                throw StoreError(code: 0, message: "\(path) needs migrations (\(pending.map(\.name).joined(separator: ", "))); run `labdb migrate`")
            }
        } else {
            try Migrator().migrate(db)
        }
        return db
    }
}
