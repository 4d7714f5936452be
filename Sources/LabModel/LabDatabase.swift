import Foundation
import LabStore

/// Finds and opens the labdb database file.
public enum LabDatabase {
    /// The database path: `--db`, else `$LABDB_DB`, else `$XDG_DATA_HOME/labdb/lab.db`,
    /// else `~/.local/share/labdb/lab.db`.
    public static func path(flag: String?, environment: [String: String] = ProcessEnvironment.values(["LABDB_DB", "XDG_DATA_HOME", "HOME"])) -> String {
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
        if exists, !readOnly { try LabDatabase.requireWritable(path) }
        let db = readOnly ? try LabDatabase.openFile(readingOnly: path) : try Database(path: path)
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

    /// Opens an existing file for reading without migrating it. On a read-only filesystem
    /// (where SQLite cannot create the WAL index) the file is opened as immutable, which is
    /// safe there because nothing can change it.
    public static func openFile(readingOnly path: String) throws -> Database {
        if isOnReadOnlyFilesystem(path) {
            return try Database(path: "file:\(uriEscaped(path))?immutable=1", readOnly: true)
        }
        do {
            return try Database(path: path, readOnly: true)
        } catch let error as StoreError where error.code & 0xFF == 14 {
            throw StoreError(code: error.code, message: "cannot open \(path) for reading: SQLite must create \(path)-shm next to it (WAL mode) and cannot; give this user write access to the folder")
        }
    }

    /// Throws a read-only `StoreError` naming the reason when `path` cannot be written.
    static func requireWritable(_ path: String) throws {
        if isOnReadOnlyFilesystem(path) {
            throw StoreError(code: 8, message: "\(path) is on a read-only filesystem; nothing was written. Remount it read-write or work on a copy")
        }
        let folder = (path as NSString).deletingLastPathComponent
        if access(path, W_OK) != 0 || access(folder.isEmpty ? "." : folder, W_OK) != 0 {
            throw StoreError(code: 8, message: "\(path) or its folder is not writable by this user; nothing was written. Fix the permissions or work on a copy")
        }
    }

    static func isOnReadOnlyFilesystem(_ path: String) -> Bool {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return false }
        return info.f_flag & UInt(ST_RDONLY) != 0
    }

    /// `path` escaped for an SQLite `file:` URI.
    static func uriEscaped(_ path: String) -> String {
        let safe = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/".utf8)
        return path.utf8.map { safe.contains($0) ? String(UnicodeScalar($0)) : "%" + ($0 < 16 ? "0" : "") + String($0, radix: 16, uppercase: true) }.joined()
    }
}
