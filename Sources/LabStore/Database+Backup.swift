import CSQLite
import Glibc

/// Online copies through SQLite's backup API: consistent while other processes write.
extension Database {
    /// Copies this database into a new file at `path`, atomically: the copy is written to a
    /// temporary file in the same folder, checked, flushed to disk and renamed over `path`.
    ///
    /// The copy is one read transaction's snapshot (WAL lets writers go on meanwhile), and it
    /// is a self-contained file in rollback-journal mode. Returns the number of pages copied.
    @discardableResult
    public func backup(to path: String) throws -> Int {
        let temporary = Database.siblingPath(of: path, suffix: "backup-\(getpid())")
        Database.removeAbandonedTemporaries(of: path)
        let needed = (try scalar("PRAGMA page_count")?.int ?? 0) * (try scalar("PRAGMA page_size")?.int ?? 4096)
        try Database.requireSpace(needed, for: path)
        Database.removeFileSet(temporary)
        var destination: OpaquePointer?
        var rc = sqlite3_open_v2(temporary, &destination, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let destination else {
            let message = destination.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(destination)
            Database.removeFileSet(temporary)
            throw StoreError(code: rc, message: "cannot create the backup file next to \(path): \(message)")
        }
        var pages = 0
        do {
            pages = try Database.copy(from: handle, to: destination, describing: "backing up \(self.path) to \(path)")
            // A backup of a WAL database is WAL-flagged: make it one file that opens anywhere.
            rc = sqlite3_exec(destination, "PRAGMA journal_mode = DELETE", nil, nil, nil)
            guard rc == SQLITE_OK else {
                throw StoreError(code: sqlite3_extended_errcode(destination), message: "the backup copy of \(self.path) fails its check: \(String(cString: sqlite3_errmsg(destination)))")
            }
        } catch {
            sqlite3_close_v2(destination)
            Database.removeFileSet(temporary)
            // A write error on a disk that has since filled up is a full disk, whatever SQLite called it.
            try Database.requireSpace(needed, for: path)
            throw error
        }
        sqlite3_close_v2(destination)
        try Database.syncFile(temporary)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            Database.removeFileSet(temporary)
            throw StoreError(code: 0, message: "cannot move the backup into place at \(path): \(reason)")
        }
        Database.syncFolder(of: path)
        return pages
    }

    /// Replaces this database's whole content with `source`'s, in one write transaction
    /// through the backup API: other connections see the old database or the new one.
    /// Returns the number of pages copied.
    @discardableResult
    public func replaceContents(with source: Database) throws -> Int {
        guard !inTransaction else {
            throw StoreError(code: 0, message: "cannot restore \(path) while a transaction is open on it")
        }
        return try Database.copy(from: source.handle, to: handle, describing: "restoring \(path) from \(source.path)")
    }

    /// Runs the backup API from `source` to `destination` ("main" to "main") in one step,
    /// waiting while another connection holds a lock.
    static func copy(from source: OpaquePointer, to destination: OpaquePointer, describing action: String) throws -> Int {
        guard let backup = sqlite3_backup_init(destination, "main", source, "main") else {
            throw StoreError(code: sqlite3_extended_errcode(destination), message: "\(action) failed: \(String(cString: sqlite3_errmsg(destination)))")
        }
        var rc: Int32
        var waited = 0
        repeat {
            rc = sqlite3_backup_step(backup, -1)
            if rc == SQLITE_BUSY || rc == SQLITE_LOCKED {
                waited += 1
                sqlite3_sleep(20)
            }
        } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && waited < 1_500
        let pages = Int(sqlite3_backup_pagecount(backup))
        sqlite3_backup_finish(backup)
        guard rc == SQLITE_DONE else {
            let code = sqlite3_extended_errcode(destination)
            let message = rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? "another process held the database locked for 30 s" : String(cString: sqlite3_errstr(rc))
            throw StoreError(code: code == SQLITE_OK ? rc : code, message: "\(action) failed: \(message)")
        }
        return pages
    }

    /// `path` with a hidden temporary name in the same folder (so that rename is atomic).
    static func siblingPath(of path: String, suffix: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return ".\(path).\(suffix)" }
        return String(path[...slash]) + "." + path[path.index(after: slash)...] + "." + suffix
    }

    /// Removes the temporary files that backups to `path` killed before they finished
    /// left behind (`.NAME.backup-PID`, with companions): those whose process is gone. A
    /// backup still running (its process alive) keeps its file.
    static func removeAbandonedTemporaries(of path: String) {
        let marker = siblingPath(of: path, suffix: "backup-")
        let slash = marker.lastIndex(of: "/")
        let folder = slash.map { String(marker[..<$0]) } ?? "."
        let prefix = slash.map { String(marker[marker.index(after: $0)...]) } ?? marker
        guard let directory = opendir(folder.isEmpty ? "/" : folder) else { return }
        defer { closedir(directory) }
        var abandoned: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name.hasPrefix(prefix) else { continue }
            let digits = name.dropFirst(prefix.count).prefix { $0.isASCII && $0.isNumber }
            guard let pid = pid_t(digits), pid > 0, pid != getpid(), kill(pid, 0) == -1, errno == ESRCH else { continue }
            abandoned.append((slash == nil ? "" : folder + "/") + name)
        }
        for file in abandoned { unlink(file) }
    }

    /// Removes a database file and its -wal, -shm and -journal companions.
    static func removeFileSet(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
    }

    static func syncFile(_ path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw StoreError(code: 0, message: "cannot open \(path) to flush it: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw StoreError(code: 13, message: "cannot flush \(path) to disk: \(String(cString: strerror(errno)))") }
    }

    static func syncFolder(of path: String) {
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let fd = open(folder.isEmpty ? "/" : folder, O_RDONLY)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    /// Throws a disk-full `StoreError` when the folder of `path` has less than `bytes` free.
    static func requireSpace(_ bytes: Int64, for path: String) throws {
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        var info = statvfs()
        guard statvfs(folder.isEmpty ? "/" : folder, &info) == 0 else { return }
        let free = Int64(info.f_bavail) * Int64(info.f_frsize)
        if free < bytes {
            throw StoreError(code: SQLITE_FULL, message: "no room for the backup at \(path): it needs \(bytes / 1024) KiB and \(free / 1024) KiB are free")
        }
    }
}
