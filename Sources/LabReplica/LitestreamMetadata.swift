import Foundation

/// What Litestream 0.5 keeps beside a database it replicates: the folder `.<name>-litestream`
/// with its local log of changes (`ltx/0/<min>-<max>.ltx`, one file per shipped
/// transaction; the newest is always kept), and the process holding the database open.
public struct LitestreamMetadata: Sendable, Hashable {
    /// The newest change Litestream shipped.
    public struct LastSync: Sendable, Hashable {
        /// Its transaction id (Litestream's own counter).
        public var transaction: UInt64
        /// When Litestream wrote it.
        public var time: Date
    }

    /// The database file.
    public let databasePath: String

    /// The metadata of the database at `databasePath`.
    public init(databasePath: String) { self.databasePath = LitestreamConfiguration.canonical(databasePath) }

    /// `.<name>-litestream` beside the database.
    public var folder: String {
        let url = URL(fileURLWithPath: databasePath)
        return url.deletingLastPathComponent().path + "/." + url.lastPathComponent + "-litestream"
    }

    /// Whether Litestream has ever replicated this database here.
    public var exists: Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) && isFolder.boolValue
    }

    /// The newest change in Litestream's local log, if any.
    public func lastSync() -> LastSync? {
        let level = folder + "/ltx/0"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: level) else { return nil }
        var newest: LastSync?
        for name in names where name.hasSuffix(".ltx") {
            guard let maximum = name.dropLast(4).split(separator: "-").last, let transaction = UInt64(maximum, radix: 16),
                  let time = (try? FileManager.default.attributesOfItem(atPath: level + "/" + name))?[.modificationDate] as? Date else { continue }
            if newest.map({ transaction > $0.transaction }) ?? true { newest = LastSync(transaction: transaction, time: time) }
        }
        return newest
    }

    /// When the database last changed on disk (the newer of the file and its WAL).
    public func lastWrite() -> Date? {
        [databasePath, databasePath + "-wal"].compactMap {
            (try? FileManager.default.attributesOfItem(atPath: $0))?[.modificationDate] as? Date
        }.max()
    }

    /// The id of a running `litestream` process that has this database open, if one can be
    /// seen (processes of other users are invisible without privileges).
    public func replicatingProcess() -> Int32? {
        guard let processes = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return nil }
        let wanted = [databasePath, (databasePath as NSString).resolvingSymlinksInPath]
        for entry in processes {
            guard let pid = Int32(entry), pid != getpid(),
                  let name = try? String(contentsOfFile: "/proc/\(entry)/comm", encoding: .utf8),
                  name.trimmingCharacters(in: .whitespacesAndNewlines) == "litestream",
                  let descriptors = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(entry)/fd") else { continue }
            for descriptor in descriptors {
                if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(entry)/fd/\(descriptor)"), wanted.contains(target) {
                    return pid
                }
            }
        }
        return nil
    }
}
