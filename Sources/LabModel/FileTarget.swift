import Foundation

/// A file that labdb is about to replace (a backup, an export): it must be absent or a
/// regular file (a rename would silently put a regular file in place of a device, a FIFO
/// or a symbolic link), and it must not be one of the database's own files.
public enum FileTarget {
    /// The companions SQLite keeps next to a database, and what each is.
    static let companions: [(suffix: String, role: String)] = [
        ("", "the database itself"), ("-wal", "the database's write-ahead log"),
        ("-shm", "the database's shared-memory index"), ("-journal", "the database's rollback journal"),
    ]

    /// Throws when `path` exists and is not a regular file, or when it is `database` or one
    /// of its `-wal`, `-shm` and `-journal` companions (existing or not).
    public static func requireReplaceable(_ path: String, database: String? = nil) throws(FileTargetError) {
        if let database { try requireOutside(path, database: database) }
        var info = stat()
        guard lstat(path, &info) == 0 else { return }  // absent: nothing to replace
        if let kind = kind(of: info.st_mode) { throw .notRegularFile(path: path, kind: kind) }
    }

    /// Throws when `path` is `database` or one of its companions.
    public static func requireOutside(_ path: String, database: String) throws(FileTargetError) {
        let target = canonical(path)
        let base = canonical(database)
        for (suffix, role) in companions where target == base + suffix || sameFile(path, database + suffix) {
            throw .databaseFile(path: path, database: database, role: role)
        }
    }

    /// What a non-regular file is, for the message; nil for a regular file.
    static func kind(of mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFLNK: return "a symbolic link"
        case S_IFDIR: return "a folder"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }

    /// `path` with its folder resolved (symbolic links, `.`, `..`), its last name kept as written.
    static func canonical(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        guard let resolved = realpath(folder, nil) else { return url.standardized.path }
        defer { free(resolved) }
        let name = url.lastPathComponent
        let base = String(cString: resolved)
        return base == "/" ? "/" + name : base + "/" + name
    }

    /// Whether `a` and `b` name the same existing file (same device and inode).
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }
}
